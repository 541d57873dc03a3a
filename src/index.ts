/** The public API of the `contact-events` package: named re-exports only, internals stay internal. */
export {};

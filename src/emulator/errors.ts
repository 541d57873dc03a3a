/** A named resource (instance, contact, queue, flow, user) does not exist. Maps to ResourceNotFoundException. */
export class ResourceNotFoundError extends Error {
  override readonly name = 'ResourceNotFoundError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A parameter is malformed or out of range. Maps to InvalidParameterException. */
export class InvalidParameterError extends Error {
  override readonly name = 'InvalidParameterError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The request is well formed but not allowed in the contact's current state. Maps to InvalidRequestException. */
export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A quota of the instance would be exceeded (e.g. tasks linked to one previous contact). Maps to ServiceQuotaExceededException. */
export class ServiceQuotaExceededError extends Error {
  override readonly name = 'ServiceQuotaExceededError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A center or scenario file that cannot be used. */
export class EmulatorConfigError extends Error {
  override readonly name = 'EmulatorConfigError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

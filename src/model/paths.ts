const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const INDEX = /^\d+$/;

/** JSONPath of a child: `$.detail.channel`, `$.detail.tags["aws:connect:instanceId"]`, `$.steps[2]`. */
export function childPath(parent: string, key: string): string {
  return parent + pathSegment(key);
}

/** The JSONPath step to a child: `.channel`, `[2]`, `["aws:connect:instanceId"]`. */
export function pathSegment(key: string): string {
  if (INDEX.test(key)) return `[${key}]`;
  return IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** A JSON Pointer (`/detail/routingCriteria/steps/5`) as a JSONPath (`$.detail.routingCriteria.steps[5]`). */
export function pointerToPath(pointer: string): string {
  let path = '$';
  for (const part of pointerParts(pointer)) path = childPath(path, part);
  return path;
}

export function pointerParts(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

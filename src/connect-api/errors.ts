import {
  InvalidParameterError,
  InvalidRequestError,
  ResourceNotFoundError,
  ServiceQuotaExceededError,
} from '../emulator/index.js';

/**
 * An error answered the way Amazon Connect answers it: the HTTP status of the exception, its name in the
 * `x-amzn-ErrorType` header and a JSON body with the message. The AWS SDK turns it back into the
 * exception class of the same name (e.g. `ResourceNotFoundException`).
 */
export class ConnectApiError extends Error {
  override readonly name = 'ConnectApiError';
  constructor(
    /** The exception name, e.g. `InvalidParameterException`. */
    readonly code: string,
    message: string,
    readonly statusCode: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Real responses carry `Message`; `message` is there too for clients that read the lower-case key. */
  toJSON(): { Message: string; message: string } {
    return { Message: this.message, message: this.message };
  }
}

export const resourceNotFound = (message: string, cause?: unknown) =>
  new ConnectApiError('ResourceNotFoundException', message, 404, { cause });

export const invalidParameter = (message: string, cause?: unknown) =>
  new ConnectApiError('InvalidParameterException', message, 400, { cause });

export const invalidRequest = (message: string, cause?: unknown) =>
  new ConnectApiError('InvalidRequestException', message, 400, { cause });

export const limitExceeded = (message: string, cause?: unknown) =>
  new ConnectApiError('LimitExceededException', message, 429, { cause });

export const serviceQuotaExceeded = (message: string, cause?: unknown) =>
  new ConnectApiError('ServiceQuotaExceededException', message, 402, { cause });

export const contactNotFound = (message: string, cause?: unknown) =>
  new ConnectApiError('ContactNotFoundException', message, 410, { cause });

export const serializationError = (message: string, cause?: unknown) =>
  new ConnectApiError('SerializationException', message, 400, { cause });

/** What a request that fails for an unexpected reason gets; the cause stays on the server. */
export const internalError = (cause: unknown) =>
  new ConnectApiError('InternalServiceException', 'Request processing failed.', 500, { cause });

/** An error from another layer that already knows its AWS name and status (e.g. a SigV4 refusal). */
interface AwsShapedError {
  code: string;
  statusCode: number;
  message: string;
}

function isAwsShaped(error: unknown): error is AwsShapedError {
  const e = error as Partial<AwsShapedError> | undefined;
  // Fastify's own errors have a code and a status too, but their codes (`FST_...`) are not AWS's.
  return (
    typeof e?.code === 'string' &&
    !e.code.startsWith('FST_') &&
    typeof e.statusCode === 'number' &&
    typeof e.message === 'string'
  );
}

/** Maps the emulator's errors (and anything else thrown) to the exception Amazon Connect would answer. */
export function toConnectError(error: unknown): ConnectApiError {
  if (error instanceof ConnectApiError) return error;
  if (error instanceof ResourceNotFoundError) return resourceNotFound(error.message, error);
  if (error instanceof InvalidParameterError) return invalidParameter(error.message, error);
  if (error instanceof InvalidRequestError) return invalidRequest(error.message, error);
  if (error instanceof ServiceQuotaExceededError) return serviceQuotaExceeded(error.message, error);
  if (isAwsShaped(error))
    return new ConnectApiError(error.code, error.message, error.statusCode, { cause: error });
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  if (status === 413)
    return new ConnectApiError('RequestEntityTooLargeException', 'Request is too large.', 413);
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return serializationError((error as Error).message, error);
  }
  return internalError(error);
}

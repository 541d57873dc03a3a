import type { CidrBlock } from '../ast.js';
import { InvalidEventPatternError } from '../errors.js';
import { parseIpAddress } from './ip-address.js';

/** Parses `address/bits`, with the reasons EventBridge gives for each malformed form. */
export function parseCidr(text: string): CidrBlock {
  const parts = text.split('/');
  if (parts.length !== 2) throw new InvalidEventPatternError("Malformed CIDR, one '/' required");
  const [address, maskText] = parts;
  if (!/^[0-9]+$/.test(maskText))
    throw new InvalidEventPatternError('Malformed CIDR, mask bits must be an integer');
  const bytes = parseIpAddress(address);
  if (bytes === undefined) throw new InvalidEventPatternError(`Nonstandard IP address: ${address}`);
  const bits = Number(maskText);
  if (bits > bytes.length * 8) {
    throw new InvalidEventPatternError(`Malformed CIDR, mask bits must be between 0 and ${bytes.length * 8}`);
  }
  return { text, bytes, bits };
}

/** Whether `value` is an address of the block's family whose first `bits` bits equal the block's. */
export function cidrContains(block: CidrBlock, value: string): boolean {
  const bytes = parseIpAddress(value);
  if (bytes === undefined || bytes.length !== block.bytes.length) return false;
  const full = block.bits >> 3;
  for (let i = 0; i < full; i++) if (bytes[i] !== block.bytes[i]) return false;
  const rest = block.bits & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (bytes[full] & mask) === (block.bytes[full] & mask);
}

import type { StatusCause } from "@apimachinery/meta";
import { invalid } from "./field-errors.js";

/** Checks a port number as Go's `IsValidPortNum` does. */
export function isValidPortNum(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : ["must be between 1 and 65535, inclusive"];
}

/** Checks a port name (an IANA service name) as Go's `IsValidPortName` does. */
export function isValidPortName(port: string): string[] {
  const errors: string[] = [];
  if (port.length > 15) errors.push("must be no more than 15 characters");
  if (!/^[-a-z0-9]+$/.test(port)) errors.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (!/[a-z]/.test(port)) errors.push("must contain at least one letter (a-z)");
  if (port.includes("--")) errors.push("must not contain consecutive hyphens");
  if (port.startsWith("-") || port.endsWith("-")) errors.push("must not begin or end with a hyphen");
  return errors;
}

/** Validates an IntOrString port: a valid number or a valid name. */
export function validatePortNumOrName(port: unknown, field: string): StatusCause[] {
  if (typeof port === "number") return isValidPortNum(port).map((message) => invalid(field, port, message));
  if (typeof port === "string") return isValidPortName(port).map((message) => invalid(field, port, message));
  return [invalid(field, port, "must be a port number or a port name")];
}

/** The protocols a container or Service port may use, as Go lists them. */
export const SUPPORTED_PORT_PROTOCOLS = ["SCTP", "TCP", "UDP"] as const;

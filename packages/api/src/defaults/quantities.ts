import { StatusError, canonicalizeQuantity, parseQuantityJSON, type ParsedQuantity } from "@apimachinery/meta";
import type { FieldSchema, FieldType, MessageSchema, SchemaResolver } from "@apimachinery/runtime";
import { isPlainObject, type PlainObject } from "./object-fields.js";

const QUANTITY_MESSAGE = "k8s.io.apimachinery.pkg.api.resource.Quantity";

/** The scale that resource lists are rounded up to: milli (10^-3). */
const milliScale = -3;

/**
 * Rounds a quantity up (away from zero) to milli precision, as Go's `SetDefaults_ResourceList`
 * does, so `0.0001` becomes `1m`.
 */
export function roundUpToMilli(quantity: ParsedQuantity): ParsedQuantity {
  if (quantity.scale >= milliScale) return quantity;
  const divisor = 10n ** BigInt(milliScale - quantity.scale);
  const negative = quantity.unscaled < 0n;
  const magnitude = negative ? -quantity.unscaled : quantity.unscaled;
  const rounded = (magnitude + divisor - 1n) / divisor;
  return { unscaled: negative ? -rounded : rounded, scale: milliScale, format: quantity.format };
}

/** Returns the canonical string of a quantity value read from JSON, as Go's typed decoding prints it. */
export function canonicalQuantityString(value: unknown, path: string, roundToMilli = false): string {
  if (value === null) return "0";
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "bigint") {
    throw StatusError.badRequest(`invalid quantity at ${path}: expected a string or a number, got ${typeof value}`);
  }
  let parsed: ParsedQuantity;
  try {
    parsed = parseQuantityJSON(typeof value === "bigint" ? value.toString() : value);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw StatusError.badRequest(`${path}: ${message}`);
  }
  return canonicalizeQuantity(roundToMilli ? roundUpToMilli(parsed) : parsed);
}

/**
 * Rewrites every Quantity of built-in objects into its canonical form by walking the
 * schema tables, so that no field is listed by hand. Maps of quantities (ResourceList)
 * are also rounded up to milli precision.
 */
export class QuantityCanonicalizer {
  readonly #schemas: SchemaResolver;
  /** Per message: whether any field below it is a Quantity (false while being computed, which ends cycles). */
  readonly #hasQuantity = new Map<string, boolean>();

  constructor(schemas: SchemaResolver) {
    this.#schemas = schemas;
  }

  /**
   * Canonicalizes the quantities of `object`, an instance of the message `messageName`.
   *
   * @throws StatusError (BadRequest) naming the field of a value that is not a quantity.
   */
  canonicalize(object: PlainObject, messageName: string, path = ""): void {
    const message = this.#schemas.message(messageName);
    if (message === undefined || !this.#reaches(messageName)) return;
    for (const field of message.fields) this.#visitField(object, field, path);
  }

  #reaches(messageName: string): boolean {
    const known = this.#hasQuantity.get(messageName);
    if (known !== undefined) return known;
    this.#hasQuantity.set(messageName, false);
    const message = this.#schemas.message(messageName);
    const result = message !== undefined && this.#messageReaches(message);
    this.#hasQuantity.set(messageName, result);
    return result;
  }

  #messageReaches(message: MessageSchema): boolean {
    if (message.special === "Quantity") return true;
    if (message.special !== undefined) return false;
    return message.fields.some((field) => this.#typeReaches(field.type));
  }

  #typeReaches(type: FieldType): boolean {
    if (type.kind === "message") return type.message === QUANTITY_MESSAGE || this.#reaches(type.message);
    if (type.kind === "map") return this.#typeReaches(type.value);
    return false;
  }

  #visitField(object: PlainObject, field: FieldSchema, path: string): void {
    if (!this.#typeReaches(field.type)) return;
    if (field.inline && field.type.kind === "message") {
      this.canonicalize(object, field.type.message, path);
      return;
    }
    const value = object[field.name];
    if (value === undefined || value === null) return;
    const fieldPath = path === "" ? field.name : `${path}.${field.name}`;
    if (field.repeated && Array.isArray(value)) {
      value.forEach((item, index) => {
        value[index] = this.#visitValue(item, field.type, `${fieldPath}[${index}]`);
      });
      return;
    }
    object[field.name] = this.#visitValue(value, field.type, fieldPath);
  }

  /** Returns the value with its quantities canonicalized; objects are changed in place. */
  #visitValue(value: unknown, type: FieldType, path: string): unknown {
    if (value === undefined) return value;
    if (type.kind === "message") {
      if (type.message === QUANTITY_MESSAGE || this.#schemas.message(type.message)?.special === "Quantity") return canonicalQuantityString(value, path);
      if (isPlainObject(value)) this.canonicalize(value, type.message, path);
      return value;
    }
    if (type.kind === "map" && isPlainObject(value)) {
      const resourceList = type.value.kind === "message" && type.value.message === QUANTITY_MESSAGE;
      for (const [key, item] of Object.entries(value)) {
        value[key] = resourceList ? canonicalQuantityString(item, `${path}[${key}]`, true) : this.#visitValue(item, type.value, `${path}[${key}]`);
      }
    }
    return value;
  }
}

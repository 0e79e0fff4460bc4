/**
 * Reports whether two plain JSON values are equal: same keys regardless of order, same
 * array elements in order, and numbers equal by value, so the `bigint` 5n equals 5.
 */
export function isDeepEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  const leftType = typeof left;
  const rightType = typeof right;
  if ((leftType === "bigint" || leftType === "number") && (rightType === "bigint" || rightType === "number")) {
    // Loose equality compares a bigint and a number by mathematical value.
    return left == right;
  }
  if (leftType !== "object" || rightType !== "object" || left === null || right === null) return false;
  if (Array.isArray(left)) {
    if (!Array.isArray(right) || left.length !== right.length) return false;
    return left.every((item: unknown, index) => isDeepEqual(item, right[index]));
  }
  if (Array.isArray(right)) return false;
  const leftRecord = left as Record<string, unknown>;
  const rightRecord = right as Record<string, unknown>;
  const keys = Object.keys(leftRecord).filter((key) => leftRecord[key] !== undefined);
  const rightKeys = Object.keys(rightRecord).filter((key) => rightRecord[key] !== undefined);
  if (keys.length !== rightKeys.length) return false;
  return keys.every((key) => Object.hasOwn(rightRecord, key) && isDeepEqual(leftRecord[key], rightRecord[key]));
}

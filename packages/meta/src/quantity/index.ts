export type { Quantity, QuantityFormat, ParsedQuantity } from "./types.js";
export { parseQuantity, parseQuantityJSON, QUANTITY_FORMAT_ERROR, QUANTITY_NUMERIC_ERROR, QUANTITY_SUFFIX_ERROR } from "./parse.js";
export { canonicalizeQuantity, formatQuantity } from "./format.js";
export {
  MAX_QUANTITY_SCALE_SPREAD,
  toParsedQuantity,
  quantitySign,
  isZeroQuantity,
  compareQuantities,
  equalQuantities,
  addQuantities,
  subtractQuantities,
  negateQuantity,
  multiplyQuantity,
  quantityScaledValue,
  quantityValue,
  quantityMilliValue,
  newQuantity,
  newMilliQuantity,
  newScaledQuantity,
  normalizeQuantity,
  type QuantityInput,
} from "./arithmetic.js";

/**
 * @packageDocumentation
 * The types and helpers of Kubernetes meta/v1 and its neighbours. The types cover object and
 * list metadata, option types, watch events, tables and discovery documents, and Status. The
 * helpers cover StatusError, GroupVersionKind parsing, label and field selectors, Quantity,
 * IntOrString, Time, MicroTime and Duration, and name validation. Objects are plain data:
 * the values that their JSON form parses to. Each helper follows k8s.io/apimachinery.
 */

// Status and errors.
export type { Status, StatusDetails, StatusCause, StatusReason, CauseType } from "./status.js";
export {
  StatusError,
  reasonCodes,
  httpCodeOf,
  grpcCodeOf,
  isStatusError,
  reasonOf,
  isNotFound,
  isAlreadyExists,
  isConflict,
  isInvalid,
  isBadRequest,
  isForbidden,
  isUnauthorized,
  isGone,
  isExpired,
  isTooManyRequests,
  isRequestEntityTooLarge,
  isUnsupportedMediaType,
  isNotAcceptable,
  isMethodNotAllowed,
  isInternalError,
  isTimeout,
  isServerTimeout,
  isServiceUnavailable,
  isResourceExpired,
  type ReasonCodes,
  type QualifiedName,
} from "./status-error.js";

// Object metadata and API types.
export type { ListMeta, ShardInfo } from "./list-meta.js";
export type {
  TypeMeta,
  ObjectMeta,
  ObjectWithMeta,
  List,
  OwnerReference,
  ManagedFieldsEntry,
  ManagedFieldsOperation,
  FieldsV1,
} from "./object-meta.js";
export type {
  ListOptions,
  GetOptions,
  CreateOptions,
  UpdateOptions,
  PatchOptions,
  ApplyOptions,
  DeleteOptions,
  Preconditions,
  TableOptions,
  IncludeObjectPolicy,
  FieldValidation,
  ResourceVersionMatch,
  DeletionPropagation,
  DryRun,
} from "./options.js";
export type { WatchEvent, WatchEventType } from "./watch-event.js";
export type { Condition, ConditionStatus } from "./condition.js";
export type { Table, TableColumnDefinition, TableRow, TableRowCondition } from "./table.js";
export type { PartialObjectMetadata, PartialObjectMetadataList } from "./partial-object-metadata.js";
export type {
  APIVersions,
  APIGroup,
  APIGroupList,
  APIResource,
  APIResourceList,
  GroupVersionForDiscovery,
  ServerAddressByClientCIDR,
  RootPaths,
} from "./discovery.js";

// Time, MicroTime and Duration.
export {
  formatTime,
  formatMicroTime,
  parseTime,
  parseMicroTime,
  timestampToDate,
  timeToDate,
  nowTime,
  nowMicroTime,
  type Time,
  type MicroTime,
  type TimeInput,
  type Timestamp,
} from "./time.js";
export { parseDuration, formatDuration, type Duration } from "./duration.js";

// Group, version, kind and resource.
export {
  parseGroupVersion,
  formatGroupVersion,
  formatGroupVersionKind,
  formatGroupVersionResource,
  formatGroupKind,
  formatGroupResource,
  parseGroupKind,
  parseGroupResource,
  parseResourceArg,
  parseKindArg,
  fromAPIVersionAndKind,
  toAPIVersionAndKind,
  sameGroupVersionKind,
  type GroupVersion,
  type GroupVersionKind,
  type GroupVersionResource,
  type GroupKind,
  type GroupResource,
} from "./group-version.js";

// Label selectors.
export {
  SELECTION_OPERATORS,
  newLabelRequirement,
  matchesRequirement,
  formatRequirement,
  type SelectionOperator,
  type LabelRequirement,
  type Labels,
} from "./labels/requirement.js";
export {
  parseLabelSelector,
  labelSelectorFromRequirements,
  labelSelectorFromSet,
  validatedLabelSelectorFromSet,
  formatLabels,
  everythingLabelSelector,
  nothingLabelSelector,
  type ParsedLabelSelector,
} from "./labels/selector.js";
export {
  labelSelectorAsSelector,
  labelSelectorAsMap,
  parseToLabelSelector,
  requirementsToLabelSelector,
  selectorAsLabelSelector,
  setAsLabelSelector,
  formatLabelSelector,
  type LabelSelector,
  type LabelSelectorRequirement,
  type LabelSelectorOperator,
} from "./label-selector.js";

// Field selectors.
export {
  parseFieldSelector,
  fieldSelectorFromRequirements,
  fieldSelectorFromSet,
  escapeFieldValue,
  unescapeFieldValue,
  unsupportedFields,
  everythingFieldSelector,
  nothingFieldSelector,
  type Fields,
  type FieldRequirement,
  type ParsedFieldSelector,
} from "./field-selector.js";

// Quantity.
export {
  parseQuantity,
  parseQuantityJSON,
  formatQuantity,
  canonicalizeQuantity,
  normalizeQuantity,
  toParsedQuantity,
  compareQuantities,
  equalQuantities,
  addQuantities,
  subtractQuantities,
  negateQuantity,
  multiplyQuantity,
  quantitySign,
  isZeroQuantity,
  quantityValue,
  quantityMilliValue,
  quantityScaledValue,
  newQuantity,
  newMilliQuantity,
  newScaledQuantity,
  MAX_QUANTITY_SCALE_SPREAD,
  QUANTITY_FORMAT_ERROR,
  QUANTITY_NUMERIC_ERROR,
  QUANTITY_SUFFIX_ERROR,
  type Quantity,
  type QuantityFormat,
  type ParsedQuantity,
  type QuantityInput,
} from "./quantity/index.js";

// IntOrString.
export {
  intOrStringValue,
  intOrStringToString,
  getScaledValueFromIntOrPercent,
  isPercent,
  type IntOrString,
} from "./int-or-string.js";

// Name validation.
export {
  isDNS1123Label,
  isDNS1123Subdomain,
  isDNS1035Label,
  isWildcardDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isCIdentifier,
  maxLengthError,
  regexError,
  emptyError,
  DNS1123_LABEL_MAX_LENGTH,
  DNS1123_SUBDOMAIN_MAX_LENGTH,
  QUALIFIED_NAME_MAX_LENGTH,
  LABEL_VALUE_MAX_LENGTH,
} from "./name-validation.js";
export {
  maskTrailingDash,
  nameIsDNSSubdomain,
  nameIsDNSLabel,
  nameIsDNS1035Label,
  generateName,
  validateObjectMetaName,
  validateObjectMetaNamespace,
  validateLabels,
  invalidCause,
  requiredCause,
  forbiddenCause,
  GENERATED_NAME_RANDOM_LENGTH,
  MAX_GENERATE_NAME_PREFIX_LENGTH,
  type ValidateNameFunc,
} from "./object-meta-validation.js";

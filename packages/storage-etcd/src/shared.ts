// TEMPORARY: the shared storage helpers until @apimachinery/apiserver exports them.
export { encodeContinue, decodeContinue } from "../../apiserver/src/storage/continue.js";
export { checkValueSize, closedError, compactedError, conflictError, futureRevisionError, keyExistsError, keyNotFoundError } from "../../apiserver/src/storage/errors.js";
export { runGuaranteedUpdate } from "../../apiserver/src/storage/guaranteed-update.js";
export { WatchQueue } from "../../apiserver/src/storage/watch-queue.js";

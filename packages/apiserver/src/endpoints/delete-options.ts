import { StatusError } from "@apimachinery/meta";
import { parseJsonText } from "@apimachinery/serializer-json";
import type { DeleteRequest } from "../registry/store.js";

const propagationPolicies = ["Orphan", "Background", "Foreground"];

function invalid(field: string, value: unknown, why: string): StatusError {
  return StatusError.badRequest(`invalid DeleteOptions: ${field}: ${JSON.stringify(value)}: ${why}`);
}

function nonNegativeInteger(field: string, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) throw invalid(field, value, "must be a non-negative integer");
  return value;
}

function optionalString(field: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalid(field, value, "must be a string");
  return value;
}

/**
 * Reads the DeleteOptions of a DELETE from its JSON body and query, checking every field's
 * type as Go's decoding does. A query parameter wins over the same field in the body.
 */
export function readDeleteOptions(body: Uint8Array, query: URLSearchParams): DeleteRequest {
  const text = Buffer.from(body).toString("utf8").trim();
  const options = text === "" ? {} : parseJsonText(text);
  if (options === null || typeof options !== "object" || Array.isArray(options)) throw StatusError.badRequest("DeleteOptions must be a JSON object");
  const fields = options as Record<string, unknown>;
  if (fields["kind"] !== undefined && fields["kind"] !== "DeleteOptions") throw invalid("kind", fields["kind"], 'must be "DeleteOptions"');

  const dryRunValues: unknown = fields["dryRun"] ?? [];
  if (!Array.isArray(dryRunValues)) throw invalid("dryRun", dryRunValues, 'must be a list such as ["All"]');
  for (const value of [...dryRunValues, ...query.getAll("dryRun")]) {
    if (value !== "All") throw invalid("dryRun", value, 'the only supported value is "All"');
  }

  const queryGrace = query.get("gracePeriodSeconds");
  const gracePeriodSeconds =
    queryGrace !== null && queryGrace !== "" ? nonNegativeInteger("gracePeriodSeconds", /^\d+$/.test(queryGrace) ? Number(queryGrace) : queryGrace) : nonNegativeInteger("gracePeriodSeconds", fields["gracePeriodSeconds"]);

  const propagation = query.get("propagationPolicy") ?? optionalString("propagationPolicy", fields["propagationPolicy"]);
  if (propagation !== undefined && propagation !== "" && !propagationPolicies.includes(propagation)) {
    throw invalid("propagationPolicy", propagation, "supported values are Orphan, Background and Foreground");
  }
  const orphan = fields["orphanDependents"];
  if (orphan !== undefined && orphan !== null && typeof orphan !== "boolean") throw invalid("orphanDependents", orphan, "must be a boolean");

  const rawPreconditions = fields["preconditions"];
  let preconditions: DeleteRequest["preconditions"];
  if (rawPreconditions !== undefined && rawPreconditions !== null) {
    if (typeof rawPreconditions !== "object" || Array.isArray(rawPreconditions)) throw invalid("preconditions", rawPreconditions, "must be an object");
    const record = rawPreconditions as Record<string, unknown>;
    const uid = optionalString("preconditions.uid", record["uid"]);
    const resourceVersion = optionalString("preconditions.resourceVersion", record["resourceVersion"]);
    preconditions = { ...(uid !== undefined ? { uid } : {}), ...(resourceVersion !== undefined ? { resourceVersion } : {}) };
  }

  return {
    dryRun: dryRunValues.length > 0 || query.getAll("dryRun").length > 0,
    ...(gracePeriodSeconds !== undefined ? { gracePeriodSeconds } : {}),
    ...(preconditions ? { preconditions } : {}),
  };
}

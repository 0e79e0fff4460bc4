import type { Json } from "./walk.js";

/**
 * Converts a decoded `openapi.v2.Document` (protobufjs `toObject` output, snake_case field
 * names) back to OpenAPI v2 JSON. It is written independently of the encoder's conversion so
 * that a round trip checks the encoder's choice of fields.
 */
export function gnosticToJson(document: Json): Json {
  const info = document["info"] as Json;
  const paths = (document["paths"] as Json | undefined)?.["path"] as Json[] | undefined;
  const definitions = (document["definitions"] as Json | undefined)?.["additional_properties"] as Json[] | undefined;
  return {
    swagger: document["swagger"],
    info: { title: info["title"], version: info["version"] },
    paths: Object.fromEntries((paths ?? []).map((entry) => [entry["name"], pathItem(entry["value"] as Json)])),
    definitions: Object.fromEntries((definitions ?? []).map((entry) => [entry["name"], schema(entry["value"] as Json)])),
    ...extensions(document),
  };
}

function extensions(message: Json): Json {
  const named = (message["vendor_extension"] as Json[] | undefined) ?? [];
  return Object.fromEntries(named.map((entry) => [entry["name"], JSON.parse(String((entry["value"] as Json)["yaml"]))]));
}

function schema(message: Json): Json {
  const result: Json = {};
  if (message["_ref"] !== undefined) result["$ref"] = message["_ref"];
  if (message["format"] !== undefined) result["format"] = message["format"];
  if (message["description"] !== undefined) result["description"] = message["description"];
  if (message["required"] !== undefined) result["required"] = message["required"];
  const additional = message["additional_properties"] as Json | undefined;
  if (additional?.["schema"]) result["additionalProperties"] = schema(additional["schema"] as Json);
  if (additional?.["boolean"] !== undefined) result["additionalProperties"] = additional["boolean"];
  const type = message["type"] as Json | undefined;
  if (type) result["type"] = (type["value"] as string[])[0];
  const items = message["items"] as Json | undefined;
  if (items) result["items"] = schema((items["schema"] as Json[])[0] as Json);
  if (message["all_of"] !== undefined) result["allOf"] = (message["all_of"] as Json[]).map(schema);
  const properties = message["properties"] as Json | undefined;
  if (properties) {
    const named = (properties["additional_properties"] as Json[] | undefined) ?? [];
    result["properties"] = Object.fromEntries(named.map((entry) => [entry["name"], schema(entry["value"] as Json)]));
  }
  return { ...result, ...extensions(message) };
}

function parameter(item: Json): Json {
  const wrapped = item["parameter"] as Json;
  const body = wrapped["body_parameter"] as Json | undefined;
  if (body) {
    const result: Json = { name: body["name"], in: body["in"] };
    if (body["description"] !== undefined) result["description"] = body["description"];
    if (body["required"] !== undefined) result["required"] = body["required"];
    return { ...result, schema: schema(body["schema"] as Json) };
  }
  const nonBody = wrapped["non_body_parameter"] as Json;
  const sub = (nonBody["query_parameter_sub_schema"] ?? nonBody["path_parameter_sub_schema"]) as Json;
  const result: Json = { name: sub["name"], in: sub["in"] };
  if (sub["description"] !== undefined) result["description"] = sub["description"];
  if (sub["required"] !== undefined) result["required"] = sub["required"];
  if (sub["unique_items"] !== undefined) result["uniqueItems"] = sub["unique_items"];
  return { ...result, type: sub["type"] };
}

function operation(message: Json): Json {
  const responses = ((message["responses"] as Json)["response_code"] as Json[]).map((entry) => {
    const response = (entry["value"] as Json)["response"] as Json;
    const result: Json = { description: response["description"] };
    const item = response["schema"] as Json | undefined;
    if (item) result["schema"] = schema(item["schema"] as Json);
    return [entry["name"], result];
  });
  const result: Json = { operationId: message["operation_id"] };
  for (const key of ["consumes", "produces", "schemes"]) if (message[key] !== undefined) result[key] = message[key];
  return {
    ...result,
    parameters: ((message["parameters"] as Json[] | undefined) ?? []).map(parameter),
    responses: Object.fromEntries(responses),
    ...extensions(message),
  };
}

function pathItem(message: Json): Json {
  const result: Json = {};
  for (const method of ["get", "put", "post", "delete", "options", "head", "patch"]) {
    if (message[method]) result[method] = operation(message[method] as Json);
  }
  const parameters = (message["parameters"] as Json[] | undefined) ?? [];
  if (parameters.length > 0) result["parameters"] = parameters.map(parameter);
  return result;
}

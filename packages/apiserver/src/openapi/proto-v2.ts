import protobuf from "protobufjs";
import descriptor from "./gen/openapi-v2-descriptor.json" with { type: "json" };
import type { JsonObject } from "./schemas.js";

/**
 * The protobuf form of OpenAPI v2: gnostic's `openapi.v2.Document`, which kubectl 1.27 and
 * 1.28 request from `/openapi/v2`. The message definitions come from the committed descriptor
 * `gen/openapi-v2-descriptor.json` (regenerate it with `pnpm gen:openapi`).
 */
export const OPENAPI_V2_PROTOBUF_TYPE = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

/** The gnostic message type of a whole document, loaded once. */
let documentType: protobuf.Type | undefined;

/** Returns the protobufjs type of `openapi.v2.Document`. */
export function openApiV2DocumentType(): protobuf.Type {
  documentType ??= protobuf.Root.fromJSON(descriptor).lookupType("openapi.v2.Document");
  return documentType;
}

type Message = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === "object" && !Array.isArray(value);

function objectAt(value: JsonObject, key: string): JsonObject {
  const inner = value[key];
  if (!isObject(inner)) throw new TypeError(`OpenAPI v2: ${key} is not an object`);
  return inner;
}

/** An `Any`: gnostic keeps free-form values as YAML text, and JSON text is valid YAML. */
const anyMessage = (value: unknown): Message => ({ yaml: JSON.stringify(value) });

/** Converts the `x-` keys of an object to `NamedAny` entries. */
function vendorExtensions(value: JsonObject): Message[] {
  return Object.entries(value)
    .filter(([key]) => key.startsWith("x-"))
    .map(([name, inner]) => ({ name, value: anyMessage(inner) }));
}

/** Fails on a key that the conversion below does not carry, so that no part of a document is dropped silently. */
function checkKeys(value: JsonObject, known: readonly string[], where: string): void {
  for (const key of Object.keys(value)) {
    if (!key.startsWith("x-") && !known.includes(key)) throw new TypeError(`OpenAPI v2: ${where} has a key ${key} that the protobuf form does not carry`);
  }
}

const schemaKeys = ["$ref", "format", "description", "required", "additionalProperties", "type", "items", "allOf", "properties"];

/** Converts a JSON schema to `openapi.v2.Schema`. */
function schemaMessage(schema: JsonObject): Message {
  checkKeys(schema, schemaKeys, "a schema");
  const message: Message = {};
  if (typeof schema["$ref"] === "string") message["_ref"] = schema["$ref"];
  if (typeof schema["format"] === "string") message["format"] = schema["format"];
  if (typeof schema["description"] === "string") message["description"] = schema["description"];
  if (Array.isArray(schema["required"])) message["required"] = schema["required"];
  if (isObject(schema["additionalProperties"])) message["additional_properties"] = { schema: schemaMessage(schema["additionalProperties"]) };
  if (typeof schema["additionalProperties"] === "boolean") message["additional_properties"] = { boolean: schema["additionalProperties"] };
  if (typeof schema["type"] === "string") message["type"] = { value: [schema["type"]] };
  if (isObject(schema["items"])) message["items"] = { schema: [schemaMessage(schema["items"])] };
  if (Array.isArray(schema["allOf"])) message["all_of"] = (schema["allOf"] as JsonObject[]).map(schemaMessage);
  if (isObject(schema["properties"])) {
    const properties = Object.entries(schema["properties"]).map(([name, value]) => ({ name, value: schemaMessage(value as JsonObject) }));
    message["properties"] = { additional_properties: properties };
  }
  const extensions = vendorExtensions(schema);
  if (extensions.length > 0) message["vendor_extension"] = extensions;
  return message;
}

const parameterKeys = ["name", "in", "description", "required", "type", "uniqueItems", "schema"];

/** Converts a parameter to `openapi.v2.ParametersItem`. */
function parameterMessage(parameter: JsonObject): Message {
  checkKeys(parameter, parameterKeys, `parameter ${String(parameter["name"])}`);
  const location = parameter["in"];
  const common: Message = { name: parameter["name"], in: location };
  if (typeof parameter["description"] === "string") common["description"] = parameter["description"];
  if (parameter["required"] === true) common["required"] = true;
  if (location === "body") return { parameter: { body_parameter: { ...common, schema: schemaMessage(objectAt(parameter, "schema")) } } };
  const subSchema: Message = { ...common, type: parameter["type"] };
  if (parameter["uniqueItems"] === true) subSchema["unique_items"] = true;
  if (location === "query") return { parameter: { non_body_parameter: { query_parameter_sub_schema: subSchema } } };
  if (location === "path") return { parameter: { non_body_parameter: { path_parameter_sub_schema: subSchema } } };
  throw new TypeError(`OpenAPI v2: parameter ${String(parameter["name"])} is in ${String(location)}, which is not converted`);
}

const parametersOf = (value: JsonObject): Message[] => ((value["parameters"] as JsonObject[] | undefined) ?? []).map(parameterMessage);

/** Converts the responses of an operation to `openapi.v2.Responses`. */
function responsesMessage(responses: JsonObject): Message {
  const codes = Object.entries(responses).map(([name, value]) => {
    const response = value as JsonObject;
    checkKeys(response, ["description", "schema"], `response ${name}`);
    const message: Message = { description: response["description"] };
    if (isObject(response["schema"])) message["schema"] = { schema: schemaMessage(response["schema"]) };
    return { name, value: { response: message } };
  });
  return { response_code: codes };
}

const operationKeys = ["operationId", "consumes", "produces", "schemes", "parameters", "responses"];

/** Converts an operation to `openapi.v2.Operation`. */
function operationMessage(operation: JsonObject): Message {
  checkKeys(operation, operationKeys, `operation ${String(operation["operationId"])}`);
  return {
    operation_id: operation["operationId"],
    consumes: operation["consumes"] ?? [],
    produces: operation["produces"] ?? [],
    schemes: operation["schemes"] ?? [],
    parameters: parametersOf(operation),
    responses: responsesMessage(objectAt(operation, "responses")),
    vendor_extension: vendorExtensions(operation),
  };
}

const methods = ["get", "put", "post", "delete", "options", "head", "patch"] as const;

/** Converts a path item to `openapi.v2.PathItem`. */
function pathItemMessage(item: JsonObject, path: string): Message {
  checkKeys(item, [...methods, "parameters"], `path ${path}`);
  const message: Message = { parameters: parametersOf(item) };
  for (const method of methods) if (isObject(item[method])) message[method] = operationMessage(item[method]);
  return message;
}

/**
 * Converts an OpenAPI v2 document, as `openApiV2Document` builds it, to the plain object
 * form of `openapi.v2.Document`. Throws a TypeError on a construct that the conversion does
 * not carry, which would be a defect of the document builder.
 */
export function openApiV2Message(document: JsonObject): Message {
  checkKeys(document, ["swagger", "info", "paths", "definitions"], "the document");
  const info = objectAt(document, "info");
  const paths = Object.entries(objectAt(document, "paths")).map(([name, item]) => ({ name, value: pathItemMessage(item as JsonObject, name) }));
  const definitions = Object.entries(objectAt(document, "definitions")).map(([name, schema]) => ({ name, value: schemaMessage(schema as JsonObject) }));
  return {
    swagger: document["swagger"],
    info: { title: info["title"], version: info["version"] },
    paths: { path: paths },
    definitions: { additional_properties: definitions },
    vendor_extension: vendorExtensions(document),
  };
}

/** Encodes an OpenAPI v2 document in its protobuf form. */
export function encodeOpenApiV2(document: JsonObject): Uint8Array {
  const type = openApiV2DocumentType();
  return type.encode(type.fromObject(openApiV2Message(document))).finish();
}

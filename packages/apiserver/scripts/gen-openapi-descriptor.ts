/**
 * Writes `src/openapi/gen/openapi-v2-descriptor.json`: the protobufjs JSON descriptor of
 * gnostic's `openapi.v2` messages, which encode the protobuf form of `/openapi/v2`.
 *
 * Usage: `pnpm gen:openapi <path to OpenAPIv2.proto>`. The descriptor keeps message names,
 * field names and field numbers only (comments and options are dropped), so running it
 * twice on the same input writes the same file.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";

const source = process.argv[2];
if (!source) {
  console.error("usage: gen-openapi-descriptor <path to OpenAPIv2.proto>");
  process.exit(2);
}

// keepCase keeps `_ref` and `vendor_extension` as the .proto spells them.
const root = new protobuf.Root().loadSync(source, { keepCase: true });
root.resolveAll();
const descriptor = root.toJSON({ keepComments: false });
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = path.join(packageDir, "src/openapi/gen/openapi-v2-descriptor.json");
writeFileSync(target, `${JSON.stringify(stripOptions(descriptor), null, 1)}\n`);
console.log(`wrote ${path.relative(process.cwd(), target)}`);

/**
 * Drops `options` (java_package, go_package and the like), which the encoder does not use.
 * Keys of `fields` and `nested` are names (PathItem has a field called `options`), so they stay.
 */
function stripOptions(value: unknown, parentKey = ""): unknown {
  if (Array.isArray(value)) return value.map((item) => stripOptions(item));
  if (value === null || typeof value !== "object") return value;
  const keepAll = parentKey === "fields" || parentKey === "nested";
  const entries = Object.entries(value).filter(([key]) => keepAll || (key !== "options" && key !== "comment"));
  return Object.fromEntries(entries.map(([key, inner]) => [key, stripOptions(inner, key)]));
}

import type { SpecialShape } from "@apimachinery/runtime";

const META_V1 = "k8s.io.apimachinery.pkg.apis.meta.v1";
const APIEXTENSIONS = "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions";

/**
 * Every message whose JSON form is not the plain object of its protobuf fields, by fully
 * qualified name. `StringList` messages are `{ repeated string items = 1 }` on the wire and
 * a plain string array in JSON (Go declares them as `type X []string`).
 */
export const SPECIAL_SHAPES: ReadonlyMap<string, SpecialShape> = new Map<string, SpecialShape>([
  [`${META_V1}.Time`, "Time"],
  [`${META_V1}.MicroTime`, "MicroTime"],
  [`${META_V1}.Duration`, "Duration"],
  [`${META_V1}.FieldsV1`, "FieldsV1"],
  [`${META_V1}.Verbs`, "StringList"],
  ["k8s.io.api.authentication.v1.AttestationValue", "StringList"],
  ...["authentication", "authorization", "certificates"].flatMap((group) =>
    ["v1", "v1beta1"].map((version): [string, SpecialShape] => [`k8s.io.api.${group}.${version}.ExtraValue`, "StringList"]),
  ),
  ["k8s.io.apimachinery.pkg.runtime.RawExtension", "RawExtension"],
  ["k8s.io.apimachinery.pkg.util.intstr.IntOrString", "IntOrString"],
  ["k8s.io.apimachinery.pkg.api.resource.Quantity", "Quantity"],
  ["k8s.io.apimachinery.pkg.api.resource.QuantityValue", "Quantity"],
  ...["v1", "v1beta1"].flatMap((version): [string, SpecialShape][] => [
    [`${APIEXTENSIONS}.${version}.JSON`, "JSON"],
    [`${APIEXTENSIONS}.${version}.JSONSchemaPropsOrArray`, "JSONSchemaPropsOrArray"],
    [`${APIEXTENSIONS}.${version}.JSONSchemaPropsOrBool`, "JSONSchemaPropsOrBool"],
    [`${APIEXTENSIONS}.${version}.JSONSchemaPropsOrStringArray`, "JSONSchemaPropsOrStringArray"],
  ]),
]);

/** Returns the special shape of a message, or undefined for a plain struct. */
export function specialShapeOf(name: string): SpecialShape | undefined {
  return SPECIAL_SHAPES.get(name);
}

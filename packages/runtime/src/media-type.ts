// Media types as HTTP writes them (RFC 9110, sections 8.3.1 and 12.5.1):
//
//   media-type = type "/" subtype *( OWS ";" OWS parameter )
//   parameter  = token "=" ( token / quoted-string )
//   Accept     = #( media-range [ weight ] )
//   media-range = ( "*/*" / ( type "/*" ) / ( type "/" subtype ) ) parameters
//   weight     = OWS ";" OWS "q=" qvalue
//   qvalue     = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
//
// Type, subtype and parameter names are case-insensitive and are lowercased here;
// parameter values keep their case.

/** A parsed media type such as `application/json;as=Table;g=meta.k8s.io;v=v1`. */
export interface MediaType {
  /** The lowercased type, such as `application`, or `*`. */
  readonly type: string;
  /** The lowercased subtype, such as `json`, or `*`. */
  readonly subType: string;
  /** The parameters by lowercased name, in the order given. */
  readonly parameters: Readonly<Record<string, string>>;
}

/** One media range of an `Accept` header, with its weight. */
export interface AcceptClause extends MediaType {
  /** The weight, from 0 to 1; 1 when no `q` parameter is given. */
  readonly q: number;
}

const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const qValue = /^(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)$/;

/** Splits `text` at `separator` where it is not inside a quoted string. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted && char === "\\") index++;
    else if (char === '"') quoted = !quoted;
    else if (!quoted && char === separator) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function parseParameterValue(raw: string): string | undefined {
  if (token.test(raw)) return raw;
  if (raw.length < 2 || !raw.startsWith('"') || !raw.endsWith('"')) return undefined;
  return raw.slice(1, -1).replace(/\\(.)/g, "$1");
}

/** Parses one media type; returns undefined when it does not follow the grammar. */
export function parseMediaType(text: string): MediaType | undefined {
  const [range = "", ...rawParameters] = splitOutsideQuotes(text, ";");
  const slash = range.indexOf("/");
  if (slash === -1) return undefined;
  const type = range.slice(0, slash).trim().toLowerCase();
  const subType = range.slice(slash + 1).trim().toLowerCase();
  if (!token.test(type) || !token.test(subType) || (type === "*" && subType !== "*")) return undefined;
  const parameters: Record<string, string> = {};
  for (const raw of rawParameters) {
    const trimmed = raw.trim();
    if (trimmed === "") continue;
    const equals = trimmed.indexOf("=");
    if (equals === -1) return undefined;
    const name = trimmed.slice(0, equals).trim().toLowerCase();
    const value = parseParameterValue(trimmed.slice(equals + 1).trim());
    if (!token.test(name) || value === undefined) return undefined;
    parameters[name] = value;
  }
  return { type, subType, parameters };
}

/** Formats a media type with its parameters: `application/json;stream=watch`. */
export function formatMediaType(mediaType: MediaType): string {
  const parameters = Object.entries(mediaType.parameters).map(([name, value]) => `;${name}=${token.test(value) ? value : JSON.stringify(value)}`);
  return `${mediaType.type}/${mediaType.subType}${parameters.join("")}`;
}

function specificity(clause: MediaType): number {
  if (clause.type === "*") return 0;
  return clause.subType === "*" ? 1 : 2;
}

/**
 * Parses an `Accept` header into its media ranges, most preferred first: by weight, then
 * exact types before a subtype wildcard before the full wildcard, then more parameters
 * first, then header order. Ranges that do not parse and ranges with weight 0 are left out.
 */
export function parseAccept(header: string): AcceptClause[] {
  const clauses: { clause: AcceptClause; index: number }[] = [];
  splitOutsideQuotes(header, ",").forEach((part, index) => {
    if (part.trim() === "") return;
    const parsed = parseMediaType(part);
    if (parsed === undefined) return;
    const { q: rawQ, ...parameters } = parsed.parameters;
    if (rawQ !== undefined && !qValue.test(rawQ)) return;
    const q = rawQ === undefined ? 1 : Number(rawQ);
    if (q === 0) return;
    clauses.push({ clause: { type: parsed.type, subType: parsed.subType, parameters, q }, index });
  });
  clauses.sort(
    (a, b) =>
      b.clause.q - a.clause.q ||
      specificity(b.clause) - specificity(a.clause) ||
      Object.keys(b.clause.parameters).length - Object.keys(a.clause.parameters).length ||
      a.index - b.index,
  );
  return clauses.map((entry) => entry.clause);
}

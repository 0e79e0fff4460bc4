/**
 * Name and label validation with the rules and messages of Go's
 * `k8s.io/apimachinery/pkg/util/validation`. Each check returns a list of problems, empty
 * when the value is valid. Lengths count UTF-8 bytes, as Go's `len` does.
 */

const dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const dns1123SubdomainFormat = `${dns1123LabelFormat}(\\.${dns1123LabelFormat})*`;
const dns1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?";
const qualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const labelValueFormat = `(${qualifiedNameFormat})?`;
const wildcardDNS1123SubdomainFormat = `\\*\\.${dns1123SubdomainFormat}`;
const cIdentifierFormat = "[A-Za-z_][A-Za-z0-9_]*";

const dns1123LabelPattern = new RegExp(`^${dns1123LabelFormat}$`);
const dns1123SubdomainPattern = new RegExp(`^${dns1123SubdomainFormat}$`);
const dns1035LabelPattern = new RegExp(`^${dns1035LabelFormat}$`);
const qualifiedNamePattern = new RegExp(`^${qualifiedNameFormat}$`);
const labelValuePattern = new RegExp(`^${labelValueFormat}$`);
const wildcardDNS1123SubdomainPattern = new RegExp(`^${wildcardDNS1123SubdomainFormat}$`);
const cIdentifierPattern = new RegExp(`^${cIdentifierFormat}$`);

/** The maximum length of a DNS-1123 or DNS-1035 label, and of a label value. */
export const DNS1123_LABEL_MAX_LENGTH = 63;
/** The maximum length of a DNS-1123 subdomain. */
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
/** The maximum length of the name part of a qualified name (label key). */
export const QUALIFIED_NAME_MAX_LENGTH = 63;
/** The maximum length of a label value. */
export const LABEL_VALUE_MAX_LENGTH = 63;

const encoder = new TextEncoder();

function byteLength(value: string): number {
  return encoder.encode(value).length;
}

/**
 * Returns the message for a value longer than `length` bytes. Go words it with `characters`
 * for DNS names and with `bytes` for label keys and values, and `unit` follows that.
 */
export function maxLengthError(length: number, unit: "characters" | "bytes" = "characters"): string {
  return `must be no more than ${length} ${unit}`;
}

/** Returns the message for a value that fails `pattern`, with examples of valid values. */
export function regexError(message: string, pattern: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${pattern}')`;
  const quoted = examples.map((example) => `'${example}', `).join(" or ");
  return `${message} (e.g. ${quoted}regex used for validation is '${pattern}')`;
}

/** Returns the message for an empty value that must not be empty. */
export function emptyError(): string {
  return "must be non-empty";
}

/** Checks a DNS label as RFC 1123 defines it (lower case): at most 63 bytes of `[a-z0-9-]`, alphanumeric at both ends. */
export function isDNS1123Label(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > DNS1123_LABEL_MAX_LENGTH) errors.push(maxLengthError(DNS1123_LABEL_MAX_LENGTH));
  if (!dns1123LabelPattern.test(value)) {
    if (dns1123SubdomainPattern.test(value)) {
      errors.push("must not contain dots");
    } else {
      const message = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
      errors.push(regexError(message, dns1123LabelFormat, "my-name", "123-abc"));
    }
  }
  return errors;
}

/** Checks a DNS subdomain as RFC 1123 defines it (lower case): dot-separated labels, at most 253 bytes. */
export function isDNS1123Subdomain(value: string): string[] {
  return checkDNS1123Subdomain(value, "characters");
}

function checkDNS1123Subdomain(value: string, unit: "characters" | "bytes"): string[] {
  const errors: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errors.push(maxLengthError(DNS1123_SUBDOMAIN_MAX_LENGTH, unit));
  if (!dns1123SubdomainPattern.test(value)) {
    const message = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    errors.push(regexError(message, dns1123SubdomainFormat, "example.com"));
  }
  return errors;
}

/** Checks a DNS label as RFC 1035 defines it: like an RFC 1123 label, but starting with a letter. */
export function isDNS1035Label(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > DNS1123_LABEL_MAX_LENGTH) errors.push(maxLengthError(DNS1123_LABEL_MAX_LENGTH));
  if (!dns1035LabelPattern.test(value)) {
    const message = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
    errors.push(regexError(message, dns1035LabelFormat, "my-name", "abc-123"));
  }
  return errors;
}

/** Checks a wildcard DNS subdomain (RFC 1034 section 4.3.3) such as `*.example.com`. */
export function isWildcardDNS1123Subdomain(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errors.push(maxLengthError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!wildcardDNS1123SubdomainPattern.test(value)) {
    const message = "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character";
    errors.push(regexError(message, wildcardDNS1123SubdomainFormat, "*.example.com"));
  }
  return errors;
}

/**
 * Checks a qualified name, the format of label and annotation keys: an optional DNS-1123
 * subdomain prefix and `/`, then a name of at most 63 bytes of `[-A-Za-z0-9_.]` that starts
 * and ends with an alphanumeric character.
 */
export function isQualifiedName(value: string): string[] {
  const errors: string[] = [];
  const nameMessage = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  const parts = value.split("/");
  let name: string;
  if (parts.length === 1) {
    name = parts[0]!;
  } else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) {
      errors.push(`prefix part ${emptyError()}`);
    } else {
      errors.push(...checkDNS1123Subdomain(prefix, "bytes").map((message) => `prefix part ${message}`));
    }
  } else {
    return [
      `a valid label key ${regexError(nameMessage, qualifiedNameFormat, "MyName", "my.name", "123-abc")}` +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) {
    errors.push(`name part ${emptyError()}`);
  } else if (byteLength(name) > QUALIFIED_NAME_MAX_LENGTH) {
    errors.push(`name part ${maxLengthError(QUALIFIED_NAME_MAX_LENGTH, "bytes")}`);
  }
  if (!qualifiedNamePattern.test(name)) {
    errors.push(`name part ${regexError(nameMessage, qualifiedNameFormat, "MyName", "my.name", "123-abc")}`);
  }
  return errors;
}

/** Checks a label value: empty, or at most 63 bytes of `[-A-Za-z0-9_.]` with alphanumeric ends. */
export function isValidLabelValue(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > LABEL_VALUE_MAX_LENGTH) errors.push(maxLengthError(LABEL_VALUE_MAX_LENGTH, "bytes"));
  if (!labelValuePattern.test(value)) {
    const message = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    errors.push(regexError(message, labelValueFormat, "MyValue", "my_value", "12345"));
  }
  return errors;
}

/** Checks a C identifier (`[A-Za-z_][A-Za-z0-9_]*`); the length is not limited. */
export function isCIdentifier(value: string): string[] {
  if (cIdentifierPattern.test(value)) return [];
  const message = "a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_'";
  return [regexError(message, cIdentifierFormat, "my_name", "MY_NAME", "MyName")];
}

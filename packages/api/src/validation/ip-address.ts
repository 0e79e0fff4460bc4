const ipv4Pattern = /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$/;

/**
 * Reports whether a string is an IPv4 address in dotted decimal without leading zeros, or
 * an IPv6 address, the forms that kube-apiserver accepts for cluster IPs.
 */
export function isIPAddress(value: string): boolean {
  if (ipv4Pattern.test(value)) return true;
  if (!value.includes(":") || /[^0-9a-fA-F:.]/.test(value)) return false;
  try {
    new URL(`http://[${value}]/`);
    return true;
  } catch {
    return false;
  }
}

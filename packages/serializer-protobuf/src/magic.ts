/** The four bytes `k8s\0` that start every Kubernetes protobuf object outside a watch frame. */
export const MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

/** Reports whether `data` starts with the `k8s\0` magic. */
export function hasMagic(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0x6b && data[1] === 0x38 && data[2] === 0x73 && data[3] === 0x00;
}

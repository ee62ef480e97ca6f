/** The version of the kernel bridge protocol this library speaks (see kernel-bridge.ts). */
export const KERNEL_BRIDGE_PROTOCOL = 1;

/**
 * Primitive sorting shared by the engines: {@link io.mlwb.data.sort.RadixSort}, a stable least-significant-digit
 * radix sort on 64-bit keys (doubles and longs mapped to keys in their numeric order), with no boxing and work arrays
 * the caller may reuse. The profiler sorts every numeric column with it, the drift engine both sides of each one.
 */
package io.mlwb.data.sort;

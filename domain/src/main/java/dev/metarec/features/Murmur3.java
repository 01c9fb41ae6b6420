package dev.metarec.features;

import java.nio.charset.StandardCharsets;

/**
 * MurmurHash3, x86 32-bit variant (Austin Appleby, 2011, public domain; reference
 * {@code MurmurHash3_x86_32} in smhasher), over the UTF-8 bytes of a string. Stable across JVMs and
 * releases, unlike {@link String#hashCode()}, so a value hashes to the same bucket wherever a
 * checkpoint is loaded.
 */
final class Murmur3 {
    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private Murmur3() {}

    static int hash32(String s, int seed) {
        byte[] data = s.getBytes(StandardCharsets.UTF_8);
        int h = seed;
        int blocks = data.length / 4;
        for (int i = 0; i < blocks; i++) {
            int at = i * 4;
            int k = (data[at] & 0xff) | (data[at + 1] & 0xff) << 8 | (data[at + 2] & 0xff) << 16 | (data[at + 3] & 0xff) << 24;
            h ^= mixK(k);
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        int tail = blocks * 4;
        int k = 0;
        switch (data.length & 3) {
            case 3: k ^= (data[tail + 2] & 0xff) << 16; // fall through
            case 2: k ^= (data[tail + 1] & 0xff) << 8;  // fall through
            case 1: k ^= data[tail] & 0xff;
                    h ^= mixK(k);
            default: break;
        }
        h ^= data.length;
        return fmix(h);
    }

    private static int mixK(int k) {
        k *= C1;
        k = Integer.rotateLeft(k, 15);
        return k * C2;
    }

    private static int fmix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}

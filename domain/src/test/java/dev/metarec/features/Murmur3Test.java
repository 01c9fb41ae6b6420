package dev.metarec.features;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Murmur3Test {
    @Test
    void hash32_shouldMatchReferenceVectors() {
        assertEquals(0, Murmur3.hash32("", 0));
        assertEquals(0x248bfa47, Murmur3.hash32("hello", 0));
        assertEquals(0x2e4ff723, Murmur3.hash32("The quick brown fox jumps over the lazy dog", 0));
    }

    @Test
    void hash32_shouldDependOnSeed() {
        assertEquals(Murmur3.hash32("abc", 7), Murmur3.hash32("abc", 7));
        org.junit.jupiter.api.Assertions.assertNotEquals(Murmur3.hash32("abc", 7), Murmur3.hash32("abc", 8));
    }
}

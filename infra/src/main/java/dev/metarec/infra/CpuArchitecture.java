package dev.metarec.infra;

import java.util.Locale;

import software.amazon.awscdk.services.lambda.Architecture;

/**
 * The processor the functions run on. arm64 (Graviton) is the default: about 20 % cheaper per
 * GB-second. A native executable only runs on the architecture it was built on, so a native build
 * made on an x86_64 machine needs {@code -c architecture=x86_64} (checked from the ELF header of
 * {@code bootstrap}, see {@link Artifacts}).
 */
public enum CpuArchitecture {
    ARM64(Architecture.ARM_64, 183),
    X86_64(Architecture.X86_64, 62);

    private final Architecture lambda;
    private final int elfMachine;

    CpuArchitecture(Architecture lambda, int elfMachine) {
        this.lambda = lambda;
        this.elfMachine = elfMachine;
    }

    public Architecture lambda() { return lambda; }

    /** The ELF {@code e_machine} value of executables for this architecture (183 AArch64, 62 x86-64). */
    public int elfMachine() { return elfMachine; }

    /** The name used in context and messages: {@code arm64} or {@code x86_64}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The architecture of an ELF {@code e_machine} value, or null when it is neither. */
    public static CpuArchitecture ofElfMachine(int machine) {
        for (CpuArchitecture a : values()) {
            if (a.elfMachine == machine) {
                return a;
            }
        }
        return null;
    }

    public static CpuArchitecture parse(String value) {
        for (CpuArchitecture a : values()) {
            if (a.id().equals(value == null ? null : value.trim().toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("context 'architecture' is '" + value + "'; allowed: arm64, x86_64");
    }
}

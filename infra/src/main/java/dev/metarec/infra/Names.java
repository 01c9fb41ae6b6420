package dev.metarec.infra;

/** Construct ids from kebab-case names. */
final class Names {

    private Names() {
    }

    /** e.g. {@code meta-train} to {@code MetaTrain}. */
    static String pascalCase(String kebab) {
        StringBuilder id = new StringBuilder();
        for (String part : kebab.split("-")) {
            if (!part.isEmpty()) {
                id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return id.toString();
    }
}

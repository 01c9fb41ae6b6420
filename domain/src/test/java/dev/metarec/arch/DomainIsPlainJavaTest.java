package dev.metarec.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The domain imports no framework: it must run the same in a Lambda, on a laptop and in a test. */
class DomainIsPlainJavaTest {
    /** Forbidden packages (ArchUnit package patterns). */
    private static final String[] FORBIDDEN_PACKAGES = {
        "io.quarkus..", "jakarta..", "javax.inject..", "javax.enterprise..", "io.smallrye..",
        "com.fasterxml.jackson..", "software.amazon..", "com.amazonaws..", "org.jboss..", "io.vertx..",
        "org.eclipse.microprofile..", "org.tribuo..", "org.h2.."
    };
    /** Forbidden classes: Java serialisation. */
    private static final String[] FORBIDDEN_CLASSES = {"java.io.Serializable", "java.io.ObjectOutputStream", "java.io.ObjectInputStream"};

    private static JavaClasses domain;

    @BeforeAll
    static void importDomain() {
        domain = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.metarec");
    }

    @Test
    void domainClassesExist() {
        assertFalse(domain.isEmpty(), "no domain classes were imported: the rule below would pass vacuously");
    }

    @Test
    void domain_shouldNotDependOnFrameworks() {
        rule().check(domain);
    }

    /**
     * One offender per clause of the rule, each using one forbidden type and nothing else forbidden; the
     * rule must report exactly that offender's dependency on that type. Types of the forbidden packages are
     * not on the domain's class path, so each offender and a stand-in for its forbidden type are compiled
     * here, into a temporary directory.
     */
    @Test
    void rule_shouldReportEachForbiddenPackageAndClass_separately(@TempDir Path classes) {
        Map<String, String> forbiddenTypeByOffender = new LinkedHashMap<>();
        List<JavaFileObject> sources = new ArrayList<>();
        for (int i = 0; i < FORBIDDEN_PACKAGES.length; i++) {
            String pkg = FORBIDDEN_PACKAGES[i].replace("..", "") + ".archstub";
            sources.add(source(pkg + ".Stub", "package " + pkg + "; public class Stub {}"));
            String offender = "dev.metarec.offender.UsesPackage" + i;
            sources.add(source(offender, "package dev.metarec.offender; class UsesPackage" + i + " { " + pkg + ".Stub field; }"));
            forbiddenTypeByOffender.put(offender, pkg + ".Stub");
        }
        sources.add(source("dev.metarec.offender.IsSerializable",
                "package dev.metarec.offender; class IsSerializable implements java.io.Serializable {}"));
        forbiddenTypeByOffender.put("dev.metarec.offender.IsSerializable", "java.io.Serializable");
        sources.add(source("dev.metarec.offender.WritesObjects",
                "package dev.metarec.offender; class WritesObjects { void write(java.io.ObjectOutputStream out) {} }"));
        forbiddenTypeByOffender.put("dev.metarec.offender.WritesObjects", "java.io.ObjectOutputStream");
        sources.add(source("dev.metarec.offender.ReadsObjects",
                "package dev.metarec.offender; class ReadsObjects { void read(java.io.ObjectInputStream in) {} }"));
        forbiddenTypeByOffender.put("dev.metarec.offender.ReadsObjects", "java.io.ObjectInputStream");
        compile(sources, classes);
        assertEquals(FORBIDDEN_PACKAGES.length + FORBIDDEN_CLASSES.length, forbiddenTypeByOffender.size(), "one offender per clause");

        for (Map.Entry<String, String> e : forbiddenTypeByOffender.entrySet()) {
            Path classFile = classes.resolve(e.getKey().replace('.', '/') + ".class");
            EvaluationResult result = rule().evaluate(new ClassFileImporter().importPath(classFile));
            List<String> details = result.getFailureReport().getDetails();
            assertFalse(details.isEmpty(), e.getKey() + " uses " + e.getValue() + " and the rule did not fire");
            for (String detail : details) {
                assertTrue(detail.contains("<" + e.getKey()) && detail.contains("<" + e.getValue() + ">"),
                        e.getKey() + " should be reported for " + e.getValue() + ", got: " + detail);
            }
        }
    }

    private static ArchRule rule() {
        return noClasses().that().resideInAPackage("dev.metarec..")
                .should().dependOnClassesThat().resideInAnyPackage(FORBIDDEN_PACKAGES)
                .orShould().dependOnClassesThat().haveFullyQualifiedName(FORBIDDEN_CLASSES[0])
                .orShould().dependOnClassesThat().haveFullyQualifiedName(FORBIDDEN_CLASSES[1])
                .orShould().dependOnClassesThat().haveFullyQualifiedName(FORBIDDEN_CLASSES[2])
                .because("domain is plain Java (no Quarkus, CDI, Jackson, AWS SDK) and uses no Java serialisation");
    }

    private static JavaFileObject source(String className, String code) {
        return new SimpleJavaFileObject(URI.create("string:///" + className.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) { return code; }
        };
    }

    private static void compile(List<JavaFileObject> sources, Path out) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertTrue(compiler != null, "the tests run on a JDK");
        var task = compiler.getTask(null, null, null, List.of("-d", out.toString(), "-proc:none"), null, sources);
        assertTrue(task.call(), "the offenders compile");
    }
}

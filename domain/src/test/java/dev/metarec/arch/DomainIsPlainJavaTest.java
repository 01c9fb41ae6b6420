package dev.metarec.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The domain imports no framework: it must run the same in a Lambda, on a laptop and in a test. */
class DomainIsPlainJavaTest {
    private static final String[] FORBIDDEN = {
        "io.quarkus..", "jakarta..", "javax.inject..", "javax.enterprise..", "io.smallrye..",
        "com.fasterxml.jackson..", "software.amazon..", "com.amazonaws..", "org.jboss..", "io.vertx..",
        "org.eclipse.microprofile..", "org.tribuo..", "org.h2..", "java.io.Serializable"
    };

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

    @Test
    void rule_shouldFail_whenAClassUsesAFramework() {
        JavaClasses offender = new ClassFileImporter().importClasses(UsesJavaSerialisation.class);
        assertThrows(AssertionError.class, () -> rule().check(offender));
    }

    private static ArchRule rule() {
        return noClasses().that().resideInAPackage("dev.metarec..")
                .should().dependOnClassesThat().resideInAnyPackage(FORBIDDEN)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.ObjectOutputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.ObjectInputStream")
                .because("domain is plain Java (no Quarkus, CDI, Jackson, AWS SDK) and uses no Java serialisation");
    }

    /** A deliberate offender, to prove the rule can fail. */
    static final class UsesJavaSerialisation {
        Object read(java.io.InputStream in) throws Exception {
            return new java.io.ObjectInputStream(in).readObject();
        }
    }
}

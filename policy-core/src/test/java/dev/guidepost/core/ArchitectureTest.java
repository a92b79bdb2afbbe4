package dev.guidepost.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** The public API ({@code dev.guidepost.core}) and the internals ({@code ..internal..}) stay apart. */
class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.guidepost.core");

    @Test
    void thePublicApiDoesNotExposeInternalTypes() {
        codeUnits().that().areDeclaredInClassesThat().resideInAPackage("dev.guidepost.core")
                .and().areDeclaredInClassesThat().arePublic()
                .and().arePublic()
                .should(notUseInternalTypesInTheirSignature())
                .check(CORE);
    }

    @Test
    void internalsDoNotDependOnAdapters() {
        noClasses().that().resideInAPackage("dev.guidepost.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.guidepost.cli..", "dev.guidepost.maven..",
                        "dev.guidepost.junit..")
                .check(CORE);
    }

    private static ArchCondition<JavaCodeUnit> notUseInternalTypesInTheirSignature() {
        return new ArchCondition<>("not use internal types in their signature") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                if (unit.getModifiers().contains(JavaModifier.SYNTHETIC)) {
                    return;
                }
                check(unit, unit.getRawReturnType(), events);
                for (JavaClass parameter : unit.getRawParameterTypes()) {
                    check(unit, parameter, events);
                }
            }

            private void check(JavaCodeUnit unit, JavaClass type, ConditionEvents events) {
                if (type.getPackageName().contains(".internal")) {
                    events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " exposes internal type "
                            + type.getName()));
                }
            }
        };
    }
}

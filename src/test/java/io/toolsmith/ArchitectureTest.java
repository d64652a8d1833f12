package io.toolsmith;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** The engine is one library with two clients (window and CLI); it must not depend on either. */
class ArchitectureTest {
    private static final String[] ENGINE = {
            "io.toolsmith.llm..", "io.toolsmith.protocol..", "io.toolsmith.conversation..", "io.toolsmith.agent..",
            "io.toolsmith.functions..", "io.toolsmith.sandbox..", "io.toolsmith.data..", "io.toolsmith.settings..",
            "io.toolsmith.util..", "io.toolsmith.app..", "io.toolsmith.context.."};

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.toolsmith");

    @Test
    void engineImportsNoJavaFx() {
        noClasses().that().resideInAnyPackage(ENGINE)
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.fxmisc..", "atlantafx..")
                .check(classes);
    }

    @Test
    void engineDoesNotDependOnItsClients() {
        noClasses().that().resideInAnyPackage(ENGINE)
                .should().dependOnClassesThat().resideInAnyPackage("io.toolsmith.ui..", "io.toolsmith.cli..")
                .check(classes);
    }
}

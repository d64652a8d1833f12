package io.toolsmith;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasParameterTypes;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The layering the design describes, checked on the shipped classes: the engine is one library with two clients
 * (the window and the command line), each rule with the reason it exists.
 */
@AnalyzeClasses(packages = "io.toolsmith",
        importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {
    private static final String[] ENGINE = {
            "io.toolsmith.llm..", "io.toolsmith.protocol..", "io.toolsmith.conversation..", "io.toolsmith.agent..",
            "io.toolsmith.functions..", "io.toolsmith.sandbox..", "io.toolsmith.data..", "io.toolsmith.settings..",
            "io.toolsmith.util..", "io.toolsmith.app..", "io.toolsmith.context..", "io.toolsmith.mcp.."};
    private static final String WINDOW = "io.toolsmith.ui..";
    private static final String CLI = "io.toolsmith.cli..";
    /** The window's adapters from its view models to the engine. */
    private static final String WINDOW_ADAPTERS = "io.toolsmith.ui.engine..";
    /** Where the window's services are built and the window is started. */
    private static final String[] WINDOW_COMPOSITION_ROOT = {"io.toolsmith.ui.AppContext", "io.toolsmith.ui.ToolsmithWindow"};
    /** What starts the process: chooses between the window and the command line. */
    private static final String LAUNCHER = "io.toolsmith.Main";

    /**
     * Engine values that are not records: the settings (immutable, changed by copies) and what their choices share;
     * and the engine's rule for what may be said of the server, which does no I/O and holds no resource, so the
     * window keeps one per model picker instead of deciding the state itself.
     */
    private static final Set<String> VALUE_CLASSES = Set.of("io.toolsmith.settings.Settings",
            "io.toolsmith.settings.SettingChoice", "io.toolsmith.functions.Effects", "io.toolsmith.llm.ServerHealth");

    /**
     * What the window may use of the engine anywhere: its values (records, enums), its failures, stateless helpers
     * (only static methods), and the small helpers of {@code util} (cancellation, the user-facing failure).
     * Everything else is a service.
     */
    private static final DescribedPredicate<JavaClass> ENGINE_SERVICES = DescribedPredicate.describe("are engine services",
            c -> isEngine(c) && !c.isRecord() && !c.isEnum() && !isFailure(c) && !isStaticHelper(c)
                    && !VALUE_CLASSES.contains(c.getName())
                    && !c.getPackageName().equals("io.toolsmith.util"));

    private static boolean isFailure(JavaClass c) {
        return c.getAllRawSuperclasses().stream().anyMatch(s -> s.getName().equals("java.lang.Throwable")
                || s.getName().equals("java.lang.Exception") || s.getName().equals("java.lang.RuntimeException"));
    }

    private static boolean isStaticHelper(JavaClass c) {
        return !c.isInterface() && !c.getMethods().isEmpty()
                && c.getMethods().stream().allMatch(m -> m.getModifiers().contains(JavaModifier.STATIC))
                && c.getConstructors().stream().noneMatch(k -> k.getModifiers().contains(JavaModifier.PUBLIC));
    }

    private static boolean isEngine(JavaClass c) {
        String p = c.getPackageName() + ".";
        if (!p.startsWith("io.toolsmith.")) {
            return false;
        }
        for (String engine : ENGINE) {
            if (p.startsWith(engine.substring(0, engine.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.toolsmith.(*)..").should().beFreeOfCycles()
            .because("each part must be understandable, testable and replaceable without the parts that use it");

    @ArchTest
    static final ArchRule noCyclesInsideTheWindow = slices().matching("io.toolsmith.ui.(*)..").should().beFreeOfCycles()
            .because("the window's features are built on one another in one direction, so each can be read alone");

    @ArchTest
    static final ArchRule engineImportsNoJavaFx = noClasses().that().resideInAnyPackage(ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.fxmisc..", "atlantafx..", "com.sun.javafx..")
            .because("the engine serves the command line too, which must start without the toolkit and run without a display");

    @ArchTest
    static final ArchRule engineDoesNotDependOnItsClients = noClasses().that().resideInAnyPackage(ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage(WINDOW, CLI)
            .because("the window and the command line are two clients of one engine, which knows neither");

    @ArchTest
    static final ArchRule onlyTheAdaptersAndTheCompositionRootTouchEngineServices = noClasses()
            .that().resideInAPackage(WINDOW).and().resideOutsideOfPackage(WINDOW_ADAPTERS)
            .and().doNotHaveFullyQualifiedName(WINDOW_COMPOSITION_ROOT[0])
            .and().doNotHaveFullyQualifiedName(WINDOW_COMPOSITION_ROOT[1])
            .should().dependOnClassesThat(ENGINE_SERVICES)
            .because("views and view models get their services through constructors from the composition root, so "
                    + "they can be tested with fakes and the engine's threading stays behind the adapters");

    @ArchTest
    static final ArchRule commandLineDoesNotDependOnTheWindow = noClasses().that().resideInAPackage(CLI)
            .should().dependOnClassesThat().resideInAPackage(WINDOW)
            .because("the command line must build and run without JavaFX; it finds the window benchmark as a service");

    @ArchTest
    static final ArchRule standardStreamsOnlyInTheCommandLine = noClasses()
            .that().resideOutsideOfPackage(CLI).and().doNotHaveFullyQualifiedName(LAUNCHER)
            // tells the user in the terminal that the window cannot open: there is no window to say it in
            .and().doNotHaveFullyQualifiedName("io.toolsmith.ui.ToolsmithWindow")
            // says that the log cannot be written, which the log cannot say
            .and().doNotHaveFullyQualifiedName("io.toolsmith.app.Logging")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("standard output is the command line's output (often JSON read by programs); everything else "
                    + "goes to the log");

    @ArchTest
    static final ArchRule slf4jOnly = noClasses()
            // configure the one backend
            .that().doNotHaveFullyQualifiedName("io.toolsmith.app.Logging")
            .and().doNotHaveFullyQualifiedName("io.toolsmith.app.LoggingDefaults")
            // quiets the toolkit's own logger, which JavaFX keeps in java.util.logging
            .and().doNotHaveFullyQualifiedName("io.toolsmith.ui.ToolsmithWindow")
            .should().dependOnClassesThat().resideInAnyPackage("java.util.logging..", "org.apache.commons.logging..",
                    "org.apache.log4j..", "org.apache.logging.log4j..", "ch.qos.logback..")
            .because("one logging API (SLF4J) with one backend configured once keeps every message in the one log file");

    @ArchTest
    static final ArchRule stackTracesOnlyInTheLogOrForDebug = noClasses()
            // with --debug the command line prints a failure's trace to its own error stream
            .that().resideOutsideOfPackage(CLI)
            .should().callMethodWhere(JavaCall.Predicates.target(HasName.Predicates.name("printStackTrace")))
            .because("a trace belongs in the log; the user gets a sentence, and a trace only with --debug");

    @ArchTest
    static final ArchRule noStackTracesOnStandardError = noClasses()
            .should().callMethodWhere(JavaCall.Predicates.target(HasName.Predicates.name("printStackTrace"))
                    .and(JavaCall.Predicates.target(HasParameterTypes.Predicates.rawParameterTypes(new Class<?>[0]))))
            .because("printStackTrace() writes to a standard error nobody may be reading, past the log");

    /**
     * The window's own types have names of their own: a record, enum or seam named like an engine type is a copy of
     * it, and copies drift (a status that is NEEDS_CODE in the engine and PENDING in the window).
     */
    @ArchTest
    static void theWindowKeepsNoCopiesOfEngineTypes(JavaClasses classes) {
        Set<String> engineTypes = classes.stream().filter(ArchitectureTest::isEngine).filter(JavaClass::isTopLevelClass)
                .map(JavaClass::getSimpleName).collect(Collectors.toSet());
        classes().that().resideInAPackage(WINDOW).and().areTopLevelClasses()
                .and(DescribedPredicate.describe("are records, enums or interfaces",
                        c -> c.isRecord() || c.isEnum() || c.isInterface()))
                // the window's listener hears the window's own turn events, not the agent's callbacks
                .and().doNotHaveFullyQualifiedName("io.toolsmith.ui.chat.TurnListener")
                .should(new ArchCondition<JavaClass>("not be named like an engine type") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        if (engineTypes.contains(c.getSimpleName())) {
                            events.add(SimpleConditionEvent.violated(c, c.getName() + " has the name of an engine type"));
                        }
                    }
                })
                .because("the window shows the engine's own values; a copy of one drifts from it")
                .check(classes);
    }
}

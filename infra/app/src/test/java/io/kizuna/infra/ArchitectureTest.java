package io.kizuna.infra;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module boundaries of DEVELOPERS.md, kept by the build. */
@AnalyzeClasses(packages = "io.kizuna", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule apiDependsOnNoFrameworkBeyondAnnotations = classes()
            .that()
            .resideInAPackage("io.kizuna.api..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("io.kizuna.api..", "java..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.axonframework.serialization.Revision")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.axonframework.modelling.command.TargetAggregateIdentifier");

    @ArchTest
    static final ArchRule apiUsesOnlyAxonAnnotations = noClasses()
            .that()
            .resideInAPackage("io.kizuna.api..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "tools.jackson..", "com.fasterxml..", "co.elastic..")
            .orShould()
            .dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "Axon types other than @Revision and @TargetAggregateIdentifier",
                    c -> c.getPackageName().startsWith("org.axonframework")
                            && !c.getName().equals("org.axonframework.serialization.Revision")
                            && !c.getName().equals("org.axonframework.modelling.command.TargetAggregateIdentifier")));

    @ArchTest
    static final ArchRule readSideNeverTouchesTheCommandSide = noClasses()
            .that()
            .resideInAnyPackage("io.kizuna.query..", "io.kizuna.projection..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.kizuna.command..");

    @ArchTest
    static final ArchRule graphqlUsesTheIntakeNotTheAggregates = noClasses()
            .that()
            .resideInAPackage("io.kizuna.graphql..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.kizuna.command.customer..",
                    "io.kizuna.command.identity..",
                    "io.kizuna.command.source.aggregate..");

    @ArchTest
    static final ArchRule projectionsDoNotReadThroughQueries = noClasses()
            .that()
            .resideInAPackage("io.kizuna.projection..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.kizuna.query..", "io.kizuna.graphql..");
}

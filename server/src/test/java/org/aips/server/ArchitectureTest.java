package org.aips.server;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.aips.server.support.TestNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dependency rules of the code base (docs/architecture.md), checked on the compiled classes:
 * plugins see only the SPI, the SPI sees nothing of the server, server packages form no cycle,
 * and nothing leans on another library's internals.
 */
class ArchitectureTest {

  private static final JavaClasses SERVER = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.aips.server", "org.aips.spi");

  @Test
  void pluginsDependOnlyOnTheSpiOfAips() throws IOException {
    List<JarFile> jars = new ArrayList<>();
    for (Path jar : pluginJars()) {
      jars.add(new JarFile(jar.toFile()));
    }
    try {
      JavaClasses plugins = new ClassFileImporter().importJars(jars);
      assertThat(plugins.stream().filter(c -> c.getPackageName().startsWith("org.aips.plugins"))).as("plugin classes found").isNotEmpty();
      noClasses().that().resideInAPackage("org.aips.plugins..")
          .should().dependOnClassesThat().resideInAnyPackage("org.aips.server..", "org.aips.rayvision.simulator..")
          .check(plugins);
    } finally {
      for (JarFile jar : jars) {
        jar.close();
      }
    }
  }

  @Test
  void theSpiDependsOnNothingOfTheServer() {
    noClasses().that().resideInAPackage("org.aips.spi..")
        .should().dependOnClassesThat().resideInAPackage("org.aips.server..")
        .check(SERVER);
  }

  @Test
  void serverPackagesFormNoCycles() {
    slices().matching("org.aips.server.(*)..").should().beFreeOfCycles().check(SERVER);
  }

  @Test
  void nothingUsesAnotherLibrarysInternals() {
    noClasses().that().resideInAnyPackage("org.aips.server..", "org.aips.spi..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..impl..", "io.vertx..internal..", "org.pf4j..impl..",
            "com.hazelcast..impl..", "org.flywaydb..internal..")
        .check(SERVER);
  }

  private static List<Path> pluginJars() throws IOException {
    try (Stream<Path> jars = Files.list(TestNode.EXAMPLE_PLUGINS)) {
      return jars.filter(p -> p.toString().endsWith(".jar")).toList();
    }
  }
}

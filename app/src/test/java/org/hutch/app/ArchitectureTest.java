package org.hutch.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;

/**
 * DESIGN.md's dependency rules, checked over the main classes of every module (the app's test class path
 * holds them all): JavaFX only in the widgets and the app, picocli only in the app, ZeroMQ sockets only in
 * the classes that own them, a model that depends on no other Hutch package, and widgets that know only the
 * model.
 */
@AnalyzeClasses(packages = "org.hutch",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.DoNotIncludeTestJars.class})
class ArchitectureTest {
    /** Test code published as a test-jar (the Tango test devices, the SIMPLON simulator) is test code too, as test-classes are. */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return !location.contains("-tests.jar");
        }
    }

    /** The classes that own ZeroMQ sockets (each socket lives on one thread of its owner). */
    static final List<String> ZEROMQ_OWNERS = List.of(
            "org.hutch.stream.PullWakeup",                     // the decoders' PULL receive with a wake-up
            "org.hutch.receiver.EmbeddedReceiver",             // the receiver's ZeroMQ context
            "org.hutch.receiver.ingest.IngestWorker",          // the ingest PULL sockets
            "org.hutch.receiver.buffers.PooledMsgAllocator",   // jeromq's allocator of the ingest sockets' parts
            "org.hutch.receiver.forward.Forwarder",            // the forwarder's PUSH socket
            "org.hutch.receiver.pipeline.PipelineSource",      // the azint pipeline's PULL socket
            "org.hutch.receiver.pipeline.Republisher",         // the azint pipeline's PUB socket
            "org.hutch.detector.simulator.SenderLoop",         // the simulated detector's PUSH socket
            "org.hutch.app.cli.receiver.BenchSender",          // hutch bench receiver: the sender
            "org.hutch.app.cli.simulate.PullSink");            // hutch simulate: the sink it streams to

    private static final DescribedPredicate<JavaClass> ZEROMQ_OWNER = DescribedPredicate.describe(
            "one of the ZeroMQ socket owners " + ZEROMQ_OWNERS,
            c -> ZEROMQ_OWNERS.stream().anyMatch(o -> c.getName().equals(o) || c.getName().startsWith(o + "$")));

    @ArchTest
    static final ArchRule javafxOnlyInWidgetsAndApp = noClasses()
            .that().resideOutsideOfPackages("org.hutch.widgets..", "org.hutch.app..")
            .should().dependOnClassesThat().resideInAPackage("javafx..");

    @ArchTest
    static final ArchRule picocliOnlyInApp = noClasses()
            .that().resideOutsideOfPackage("org.hutch.app..")
            .should().dependOnClassesThat().resideInAPackage("picocli..");

    /** jeromq's API ({@code org.zeromq}) and its internals ({@code zmq}: messages, allocators, sockets). */
    @ArchTest
    static final ArchRule zeromqOnlyInSocketOwners = noClasses()
            .that(not(ZEROMQ_OWNER))
            .should().dependOnClassesThat().resideInAnyPackage("org.zeromq..", "zmq..");

    /** The ZeroMQ rule catches a class that is no socket owner and uses only jeromq's internals. */
    @ArchTest
    static void zeromqRuleCoversJeromqInternals(JavaClasses ignored) {
        JavaClasses user = new ClassFileImporter().importClasses(JeromqInternalsUser.class);
        EvaluationResult result = zeromqOnlyInSocketOwners.evaluate(user);
        if (!result.hasViolation() || !result.getFailureReport().toString().contains("zmq.msg.MsgAllocator")) {
            throw new AssertionError("a non-owner using zmq.msg.MsgAllocator passed: " + result.getFailureReport());
        }
    }

    /** Test-only: no socket owner, uses jeromq's {@code zmq} package and nothing of {@code org.zeromq}. */
    static final class JeromqInternalsUser implements zmq.msg.MsgAllocator {
        @Override
        public zmq.Msg allocate(int size) {
            return new zmq.Msg(size);
        }
    }

    @ArchTest
    static final ArchRule modelDependsOnNoOtherHutchPackage = noClasses()
            .that().resideInAPackage("org.hutch.model..")
            .should().dependOnClassesThat(resideInAPackage("org.hutch..").and(not(resideInAPackage("org.hutch.model.."))));

    @ArchTest
    static final ArchRule widgetsKnowOnlyTheModel = noClasses()
            .that().resideInAPackage("org.hutch.widgets..")
            .should().dependOnClassesThat(resideInAPackage("org.hutch..")
                    .and(not(resideInAPackage("org.hutch.widgets..")))
                    .and(not(resideInAPackage("org.hutch.model.."))));
}

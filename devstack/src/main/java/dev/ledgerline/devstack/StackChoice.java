package dev.ledgerline.devstack;

import java.util.function.BooleanSupplier;

/**
 * Where the tests' Kafka and PostgreSQL run: in this JVM from jars (always possible, the default), or in containers
 * from {@link ContainerImages} when the Maven profile {@code containers} is on (system property
 * {@link #PROPERTY}) and a container engine answers. The engine is asked only when the profile is on.
 */
public enum StackChoice {
    IN_PROCESS,
    CONTAINERS;

    /** Set to {@code true} by {@code mvn -Pcontainers}. */
    public static final String PROPERTY = "ledgerline.devstack.containers";
    /** Compiled only under the profile, with Testcontainers on the class path. */
    static final String CONTAINER_STACK = "dev.ledgerline.devstack.containers.ContainerStack";

    public static StackChoice choose(boolean profileOn, BooleanSupplier engineAvailable) {
        return profileOn && engineAvailable.getAsBoolean() ? CONTAINERS : IN_PROCESS;
    }

    /** The choice for this JVM: the profile's property, and the container stack's own check of the engine. */
    static StackChoice forThisJvm() {
        return choose(Boolean.getBoolean(PROPERTY), StackChoice::engineAnswers);
    }

    private static boolean engineAnswers() {
        try {
            return (Boolean) Class.forName(CONTAINER_STACK).getMethod("engineAvailable").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("-D" + PROPERTY + "=true needs the containers profile's build "
                    + "(mvn -Pcontainers), which compiles " + CONTAINER_STACK, e);
        }
    }

    /** Starts the container stack of the profile build. */
    static RunningStack startContainers() {
        try {
            return (RunningStack) Class.forName(CONTAINER_STACK).getMethod("start").invoke(null);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot start " + CONTAINER_STACK, e);
        }
    }
}

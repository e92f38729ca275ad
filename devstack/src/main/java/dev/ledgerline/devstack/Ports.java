package dev.ledgerline.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Local TCP ports for the embedded servers. */
final class Ports {
    static final String HOST = "localhost";

    private Ports() {
    }

    /** A port that is free right now; the server binds it a moment later. */
    static int free() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(HOST, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + HOST, e);
        }
    }

    /**
     * Fails when a chosen port is taken. PostgreSQL's launcher would otherwise find the other server on the port,
     * report itself started while its own server had exited, and the suite would write into somebody else's
     * databases.
     */
    static void requireFree(int port, String server, String setting) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(HOST, port));
        } catch (IOException e) {
            throw new IllegalStateException(server + " cannot listen on " + HOST + ":" + port
                    + ": the port is in use (another devstack?). Stop what holds it or choose another port with "
                    + setting + ".", e);
        }
    }
}

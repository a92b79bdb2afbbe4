package dev.guidepost.cli.mcp;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import reactor.core.publisher.Mono;

/**
 * A transport provider that hands the server its sessions' transports with their sends made one at a time. The
 * SDK's stdio transport queues each outgoing message into a sink that refuses a second emission while one is under
 * way ("Failed to enqueue message"), so two tool calls finishing at the same moment lost one of their answers and
 * left that client waiting for ever.
 */
final class SerialSends implements McpServerTransportProvider {

    private final McpServerTransportProvider delegate;

    SerialSends(McpServerTransportProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
        delegate.setSessionFactory(transport -> factory.create(new Transport(transport)));
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return delegate.notifyClients(method, params);
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
        return delegate.notifyClient(sessionId, method, params);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }

    /** A session transport whose sends run under one lock; everything else is the SDK's. */
    static final class Transport implements McpServerTransport {

        private final McpServerTransport delegate;
        private final Object lock = new Object();

        Transport(McpServerTransport delegate) {
            this.delegate = delegate;
        }

        /**
         * Sends under the lock. The SDK's send completes while it is subscribed (it only queues the message for the
         * writer thread), so subscribing under the lock is enough to keep two sends from overlapping.
         */
        @Override
        public Mono<Void> sendMessage(JSONRPCMessage message) {
            return Mono.defer(() -> {
                AtomicReference<Throwable> failure = new AtomicReference<>();
                synchronized (lock) {
                    delegate.sendMessage(message).subscribe(done -> { }, failure::set);
                }
                return failure.get() == null ? Mono.empty() : Mono.error(failure.get());
            });
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return delegate.unmarshalFrom(data, typeRef);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return delegate.closeGracefully();
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public List<String> protocolVersions() {
            return delegate.protocolVersions();
        }
    }
}

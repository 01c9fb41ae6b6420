package dev.metarec.it.harness;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

import java.net.URI;
import java.util.Properties;

/** s3proxy (org.gaul:s3proxy) in this JVM with the in-memory "transient" blob store, on a free loopback port. */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "metarec-it";
    public static final String SECRET_KEY = "metarec-it-secret";

    private final S3Proxy proxy;
    private final BlobStore blobStore;

    private S3ProxyServer(S3Proxy proxy, BlobStore blobStore) {
        this.proxy = proxy;
        this.blobStore = blobStore;
    }

    public static S3ProxyServer start() {
        Properties properties = new Properties();
        properties.setProperty("jclouds.identity", ACCESS_KEY);
        properties.setProperty("jclouds.credential", SECRET_KEY);
        BlobStore store = BlobStores.create("transient", properties);
        int port = LoopbackPorts.free();
        S3Proxy proxy = S3Proxy.builder().blobStore(store)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start on port " + port, e);
        }
        while (!"STARTED".equals(proxy.getState())) LoopbackPorts.sleep(10);
        return new S3ProxyServer(proxy, store);
    }

    public URI endpoint() { return URI.create("http://127.0.0.1:" + proxy.getPort()); }

    @Override
    public void close() {
        try {
            proxy.stop();
            blobStore.close();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop", e);
        }
    }
}

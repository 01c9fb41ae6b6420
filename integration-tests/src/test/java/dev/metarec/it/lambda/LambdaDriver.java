package dev.metarec.it.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * What the managed Java runtime of AWS Lambda does for a JVM function, reduced to its protocol: in a child
 * JVM whose classpath holds the function's runner jar, instantiate the handler class named in
 * {@code args[0]} (for Quarkus {@code io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler}), then loop:
 * take the next event from {@code AWS_LAMBDA_RUNTIME_API}, call the handler, post its output or its error.
 */
public final class LambdaDriver {
    private LambdaDriver() {}

    public static void main(String[] args) throws Exception {
        String base = "http://" + System.getenv("AWS_LAMBDA_RUNTIME_API") + "/2018-06-01/runtime/";
        HttpClient http = HttpClient.newHttpClient();
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        while (true) {
            HttpResponse<byte[]> next = send(http, HttpRequest.newBuilder(URI.create(base + "invocation/next")).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            String id = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
            long deadline = next.headers().firstValue("Lambda-Runtime-Deadline-Ms").map(Long::parseLong).orElse(Long.MAX_VALUE);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String path;
            byte[] body;
            try {
                handler.handleRequest(new ByteArrayInputStream(next.body()), out, context(id, deadline));
                path = "invocation/" + id + "/response";
                body = out.toByteArray();
            } catch (Throwable t) {
                StringWriter trace = new StringWriter();
                t.printStackTrace(new PrintWriter(trace));
                System.err.println(trace);
                path = "invocation/" + id + "/error";
                body = ("{\"errorType\":\"" + t.getClass().getName() + "\",\"errorMessage\":"
                        + quote(String.valueOf(t.getMessage())) + "}").getBytes(StandardCharsets.UTF_8);
            }
            send(http, HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    /**
     * One call to the Runtime API, retried on a broken connection (a pooled connection the server closed) as
     * Lambda's runtime client does, so a transient socket error does not end the environment. Posting an answer
     * twice is harmless: the second is refused as an unknown invocation.
     */
    private static <T> HttpResponse<T> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> handler) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return http.send(request, handler);
            } catch (java.io.IOException e) {
                if (attempt == 5) throw e;
                System.err.println("runtime API " + request.method() + " " + request.uri().getPath() + " failed (attempt " + attempt + "): " + e);
                Thread.sleep(50L * attempt);
            }
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "") + "\"";
    }

    private static Context context(String requestId, long deadlineMillis) {
        return new Context() {
            @Override public String getAwsRequestId() { return requestId; }
            @Override public String getLogGroupName() { return System.getenv("AWS_LAMBDA_LOG_GROUP_NAME"); }
            @Override public String getLogStreamName() { return System.getenv("AWS_LAMBDA_LOG_STREAM_NAME"); }
            @Override public String getFunctionName() { return System.getenv("AWS_LAMBDA_FUNCTION_NAME"); }
            @Override public String getFunctionVersion() { return "$LATEST"; }
            @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:" + getFunctionName(); }
            @Override public CognitoIdentity getIdentity() { return null; }
            @Override public ClientContext getClientContext() { return null; }
            @Override public int getRemainingTimeInMillis() { return (int) Math.max(0, Math.min(Integer.MAX_VALUE, deadlineMillis - System.currentTimeMillis())); }
            @Override public int getMemoryLimitInMB() { return 1024; }
            @Override public LambdaLogger getLogger() {
                return new LambdaLogger() {
                    @Override public void log(String message) { System.out.println(message); }
                    @Override public void log(byte[] message) { System.out.println(new String(message, StandardCharsets.UTF_8)); }
                };
            }
        };
    }
}

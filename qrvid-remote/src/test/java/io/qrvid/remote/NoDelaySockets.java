package io.qrvid.remote;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;

/**
 * Sockets with TCP_NODELAY on both ends. MockWebServer writes headers and body separately; with Nagle's algorithm and
 * delayed ACKs every keep-alive response then waits ~40 ms on loopback, which would dominate the load check.
 */
final class NoDelaySockets {
  private NoDelaySockets() {}

  static ServerSocketFactory server() {
    return new ServerSocketFactory() {
      @Override
      public ServerSocket createServerSocket() throws IOException {
        return new ServerSocket() {
          @Override
          public Socket accept() throws IOException {
            Socket s = new Socket();
            implAccept(s);
            s.setTcpNoDelay(true);
            return s;
          }
        };
      }

      @Override
      public ServerSocket createServerSocket(int port) throws IOException {
        throw new UnsupportedOperationException();
      }

      @Override
      public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        throw new UnsupportedOperationException();
      }

      @Override
      public ServerSocket createServerSocket(int port, int backlog, InetAddress addr) throws IOException {
        throw new UnsupportedOperationException();
      }
    };
  }

  static SocketFactory client() {
    return new SocketFactory() {
      @Override
      public Socket createSocket() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        return s;
      }

      @Override
      public Socket createSocket(String host, int port) throws IOException {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(InetAddress host, int port) throws IOException {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
        throw new UnsupportedOperationException();
      }
    };
  }
}

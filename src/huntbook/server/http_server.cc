#include "huntbook/server/http_server.h"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <variant>
#include <vector>

#include "huntbook/server/http_request_reader.h"
#include "huntbook/server/json_writer.h"

namespace huntbook::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

class HttpServer::Impl {
 public:
  Impl(HttpServerOptions options, Handler handler)
      : options_(std::move(options)),
        handler_(std::move(handler)),
        acceptor_(io_),
        workers_(static_cast<size_t>(std::max(1, options_.worker_threads))),
        priority_workers_(1) {}

  Status Listen() {
    boost::system::error_code ec;
    asio::ip::address address = asio::ip::make_address(options_.address, ec);
    if (ec) return InvalidArgument("bad listen address '" + options_.address + "'");
    tcp::endpoint endpoint(address, options_.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return IoError("cannot listen on " + options_.address + ":" + std::to_string(options_.port) +
                     ": " + ec.message());
    }
    port_ = acceptor_.local_endpoint().port();
    return Status::OK();
  }

  void Run() {
    Accept();
    for (int i = 0; i < std::max(1, options_.io_threads); ++i) {
      io_threads_.emplace_back([this] { io_.run(); });
    }
  }

  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopped_) return;
      stopped_ = true;
    }
    stopping_.store(true);
    asio::post(io_, [this] {
      boost::system::error_code ec;
      acceptor_.close(ec);
    });
    {
      std::unique_lock<std::mutex> lock(mutex_);
      idle_.wait_for(lock, options_.drain_timeout, [&] { return in_flight_ == 0; });
    }
    io_.stop();
    for (std::thread& thread : io_threads_) thread.join();
    workers_.join();
    priority_workers_.join();
  }

  uint16_t port() const { return port_; }
  const HttpServerOptions& options() const { return options_; }
  bool stopping() const { return stopping_.load(); }
  asio::thread_pool& workers() { return workers_; }
  // The pool that runs `request`'s handler.
  asio::thread_pool& PoolFor(const HttpRequest& request) {
    return options_.priority && options_.priority(request) ? priority_workers_ : workers_;
  }
  HttpResponse Dispatch(const HttpRequest& request) { return handler_(request); }
  void BeginRequest() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++in_flight_;
  }
  void EndRequest() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (--in_flight_ == 0) idle_.notify_all();
  }

 private:
  void Accept();

  HttpServerOptions options_;
  Handler handler_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  asio::thread_pool workers_;
  asio::thread_pool priority_workers_;
  std::vector<std::thread> io_threads_;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable idle_;
  int in_flight_ = 0;     // GUARDED_BY(mutex_)
  bool stopped_ = false;  // GUARDED_BY(mutex_)
};

namespace {

std::string ErrorBody(std::string_view code, std::string_view message) {
  JsonWriter json;
  json.BeginObject();
  json.Key("error");
  json.BeginObject();
  json.Member("code", code);
  json.Member("message", message);
  json.EndObject();
  json.EndObject();
  return json.Take();
}

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, HttpServer::Impl* server)
      : stream_(std::move(socket)), server_(server) {}

  void Start() { ReadHeader(); }

 private:
  const HttpServerOptions& options() const { return server_->options(); }

  void ReadHeader() {
    parser_.emplace();
    ConfigureParser(options(), &*parser_);
    stream_.expires_after(options().header_timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
        ec == asio::error::eof) {
      return Close();
    }
    if (ec) return Reject(RejectHeaderError(ec, options()));
    if (auto rejection = CheckHeader(options(), &*parser_)) return Reject(*rejection);
    if (parser_->is_done()) return OnBody({});
    const auto& header = parser_->get();
    auto expect = header.find(http::field::expect);
    if (expect != header.end() && beast::iequals(expect->value(), "100-continue")) {
      auto interim =
          std::make_shared<http::response<http::empty_body>>(http::status::continue_, 11);
      stream_.expires_after(options().body_timeout);
      http::async_write(stream_, *interim,
                        [self = shared_from_this(), interim](beast::error_code write_ec, size_t) {
                          if (write_ec) return self->Close();
                          self->ReadBody();
                        });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    stream_.expires_after(options().body_timeout);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnBody(ec); });
  }

  void OnBody(beast::error_code ec) {
    if (ec == beast::error::timeout || ec == http::error::end_of_stream ||
        ec == asio::error::connection_reset || ec == asio::error::eof) {
      return Close();
    }
    if (ec) return Reject(RejectBodyError(ec));
    BeastRequest message = parser_->release();
    keep_alive_ = message.keep_alive();
    std::variant<HttpRequest, RequestRejection> converted = ToHttpRequest(std::move(message));
    if (auto* rejection = std::get_if<RequestRejection>(&converted)) return Reject(*rejection);
    HttpRequest request = std::move(std::get<HttpRequest>(converted));
    boost::system::error_code endpoint_ec;
    auto remote = stream_.socket().remote_endpoint(endpoint_ec);
    if (!endpoint_ec) {
      request.remote_address = remote.address().to_string() + ":" + std::to_string(remote.port());
    }
    if (server_->stopping()) {
      keep_alive_ = false;
      return Reject({503, "ServiceUnavailable", "the server is shutting down"});
    }
    // Run the handler on the worker pool; write the answer back on the connection's strand.
    stream_.expires_never();
    server_->BeginRequest();
    asio::thread_pool& pool = server_->PoolFor(request);
    asio::post(pool, [self = shared_from_this(), request = std::move(request)] {
      HttpResponse response = self->server_->Dispatch(request);
      asio::post(self->stream_.get_executor(), [self, response = std::move(response)]() mutable {
        self->Write(std::move(response), /*close=*/!self->keep_alive_ || self->server_->stopping(),
                    /*counted=*/true);
      });
    });
  }

  void Reject(const RequestRejection& rejection) {
    HttpResponse response;
    response.status = rejection.status;
    response.body = ErrorBody(rejection.code, rejection.message);
    Write(std::move(response), /*close=*/true, /*counted=*/false);
  }

  // Status line and headers of `response` (the body is set by the caller).
  template <class Body>
  static void SetHead(const HttpResponse& response, bool close, http::response<Body>* message) {
    message->version(11);
    message->result(static_cast<unsigned>(response.status));
    message->set(http::field::server, "huntbook");
    if (!response.content_type.empty()) {
      message->set(http::field::content_type, response.content_type);
    }
    for (const auto& [name, value] : response.headers) message->set(name, value);
    message->keep_alive(!close);
  }

  void Write(HttpResponse response, bool close, bool counted) {
    if (response.stream != nullptr) return WriteStreamed(std::move(response), close);
    auto message = std::make_shared<http::response<http::string_body>>();
    SetHead(response, close, message.get());
    message->body() = std::move(response.body);
    message->prepare_payload();
    stream_.expires_after(options().write_timeout);
    http::async_write(
        stream_, *message,
        [self = shared_from_this(), message, close, counted](beast::error_code ec, size_t) {
          if (counted) self->server_->EndRequest();
          if (ec || close) return self->Close();
          self->ReadHeader();
        });
  }

  // A counted response with a BodyProducer: the header, then one chunk per piece.
  void WriteStreamed(HttpResponse response, bool close) {
    auto message = std::make_shared<http::response<http::empty_body>>();
    SetHead(response, close, message.get());
    message->chunked(true);
    auto serializer = std::make_shared<http::response_serializer<http::empty_body>>(*message);
    stream_.expires_after(options().write_timeout);
    http::async_write_header(
        stream_, *serializer,
        [self = shared_from_this(), message, serializer, producer = std::move(response.stream),
         first = std::move(response.body), close](beast::error_code ec, size_t) mutable {
          if (ec) return self->EndStream(/*close=*/true);
          self->ProducePiece(std::move(producer), std::move(first), close);
        });
  }

  // Makes the next piece on a worker (never on the I/O thread), then writes it.
  void ProducePiece(std::shared_ptr<BodyProducer> producer, std::string piece, bool close) {
    asio::post(server_->workers(), [self = shared_from_this(), producer = std::move(producer),
                                    piece = std::move(piece), close]() mutable {
      bool more = producer->Next(&piece);
      asio::post(self->stream_.get_executor(), [self, producer = std::move(producer),
                                                piece = std::move(piece), more, close]() mutable {
        self->WritePiece(std::move(producer), std::move(piece), more, close);
      });
    });
  }

  void WritePiece(std::shared_ptr<BodyProducer> producer, std::string piece, bool more,
                  bool close) {
    if (piece.empty()) {  // an empty chunk would end the body
      if (more) return ProducePiece(std::move(producer), {}, close);
      return WriteLastChunk(close);
    }
    auto data = std::make_shared<std::string>(std::move(piece));
    stream_.expires_after(options().write_timeout);
    asio::async_write(stream_, http::make_chunk(asio::buffer(*data)),
                      [self = shared_from_this(), data, producer = std::move(producer), more,
                       close](beast::error_code ec, size_t) mutable {
                        if (ec) return self->EndStream(/*close=*/true);
                        if (more) return self->ProducePiece(std::move(producer), {}, close);
                        self->WriteLastChunk(close);
                      });
  }

  void WriteLastChunk(bool close) {
    stream_.expires_after(options().write_timeout);
    asio::async_write(stream_, http::make_chunk_last(),
                      [self = shared_from_this(), close](beast::error_code ec, size_t) {
                        self->EndStream(close || static_cast<bool>(ec));
                      });
  }

  void EndStream(bool close) {
    server_->EndRequest();
    if (close) return Close();
    ReadHeader();
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  HttpServer::Impl* server_;
  beast::flat_buffer buffer_;
  std::optional<BeastRequestParser> parser_;
  bool keep_alive_ = false;
};

}  // namespace

void HttpServer::Impl::Accept() {
  acceptor_.async_accept(asio::make_strand(io_), [this](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (!ec) std::make_shared<Connection>(std::move(socket), this)->Start();
    Accept();
  });
}

Result<std::unique_ptr<HttpServer>> HttpServer::Start(HttpServerOptions options, Handler handler) {
  auto impl = std::make_unique<Impl>(std::move(options), std::move(handler));
  RETURN_IF_ERROR(impl->Listen());
  impl->Run();
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() { Stop(); }

uint16_t HttpServer::port() const { return impl_->port(); }

void HttpServer::Stop() { impl_->Stop(); }

}  // namespace huntbook::server

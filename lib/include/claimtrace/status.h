// Status and Result<T>: how the library reports failure without throwing.
//
// Every fallible public function returns a Status or a Result<T>. The message
// says what failed and where (file, byte offset or line), ready to print to a
// user as is. Exceptions thrown by third-party libraries are caught where those
// libraries are called and turned into a Status.
#ifndef CLAIMTRACE_STATUS_H_
#define CLAIMTRACE_STATUS_H_

#include <string>
#include <utility>
#include <variant>

namespace claimtrace {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidInput,     // the input is unreadable as what it claims to be
    kIoError,          // the file system refused (missing file, directory...)
    kInvalidArgument,  // the caller asked for something impossible
    kInternal,
  };

  // Returns an OK status.
  Status() = default;

  static Status InvalidInput(std::string message) {
    return Status(Code::kInvalidInput, std::move(message));
  }
  static Status IoError(std::string message) {
    return Status(Code::kIoError, std::move(message));
  }
  static Status InvalidArgument(std::string message) {
    return Status(Code::kInvalidArgument, std::move(message));
  }
  static Status Internal(std::string message) {
    return Status(Code::kInternal, std::move(message));
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  Code code_ = Code::kOk;
  std::string message_;
};

// Holds either a value or a non-OK Status.
template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(data_); }
  // REQUIRES: !ok()
  const Status& status() const { return std::get<Status>(data_); }
  // REQUIRES: ok()
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace claimtrace

#endif  // CLAIMTRACE_STATUS_H_

#include "huntbook/kql/syntax/lexer.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "huntbook/common/utf8.h"
#include "huntbook/kql/syntax/lexicon.h"

namespace huntbook::kql {
namespace {

using lexicon::Contains;
using lexicon::kHyphenatedNames;
using lexicon::kNegatableWords;
using lexicon::kPunctuation;
using lexicon::kRawLiteralWords;
using lexicon::kTimespanUnits;
using lexicon::TimespanUnit;

bool IsIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
std::string HexByte(char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  auto b = static_cast<unsigned char>(c);
  return {kHex[b >> 4], kHex[b & 15]};
}
bool IsHexDigit(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {
    line_starts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') line_starts_.push_back(static_cast<uint32_t>(i + 1));
    }
  }

  Result<std::vector<Token>> Run() {
    while (true) {
      bool space = SkipSpaceAndComments();
      Token token;
      token.position = PositionAt(pos_);
      token.space_before = space;
      if (pos_ >= text_.size()) {
        token.kind = TokenKind::kEnd;
        token.end_offset = static_cast<uint32_t>(pos_);
        tokens_.push_back(std::move(token));
        return std::move(tokens_);
      }
      RETURN_IF_ERROR(LexOne(token));
    }
  }

 private:
  SourcePosition PositionAt(size_t offset) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    size_t line = static_cast<size_t>(it - line_starts_.begin());
    SourcePosition p;
    p.line = static_cast<uint32_t>(line);
    p.column = static_cast<uint32_t>(offset - line_starts_[line - 1] + 1);
    p.offset = static_cast<uint32_t>(offset);
    return p;
  }
  Status ErrorAt(size_t offset, const std::string& message) const {
    return SyntaxError(message, PositionAt(offset));
  }
  // Length of the UTF-8 encoded Unicode space (U+00A0, U+1680, U+2000..U+200B, U+2028,
  // U+2029, U+202F, U+205F, U+3000, U+FEFF) at `at`, or 0.
  size_t UnicodeSpaceLength(size_t at) const {
    auto b = [&](size_t i) {
      return at + i < text_.size() ? static_cast<unsigned char>(text_[at + i]) : 0;
    };
    if (b(0) == 0xC2 && b(1) == 0xA0) return 2;
    if (b(0) == 0xE1 && b(1) == 0x9A && b(2) == 0x80) return 3;
    if (b(0) == 0xE2 && b(1) == 0x80 &&
        (b(2) <= 0x8B || b(2) == 0xA8 || b(2) == 0xA9 || b(2) == 0xAF)) {
      return b(2) >= 0x80 ? 3 : 0;
    }
    if (b(0) == 0xE2 && b(1) == 0x81 && b(2) == 0x9F) return 3;
    if (b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80) return 3;
    if (b(0) == 0xEF && b(1) == 0xBB && b(2) == 0xBF) return 3;
    return 0;
  }
  bool AtIdentChar(size_t at) const {
    return at < text_.size() && IsIdentChar(text_[at]) && UnicodeSpaceLength(at) == 0;
  }

  char Peek(size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }

  bool SkipSpaceAndComments() {
    bool skipped = false;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
        ++pos_;
      } else if (c == '/' && Peek(1) == '/') {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else if (size_t n = UnicodeSpaceLength(pos_)) {
        pos_ += n;  // no-break and other Unicode spaces, common in copied queries
      } else {
        break;
      }
      skipped = true;
    }
    return skipped;
  }

  void Push(Token& token, TokenKind kind) {
    token.kind = kind;
    token.end_offset = static_cast<uint32_t>(pos_);
    tokens_.push_back(std::move(token));
  }

  Status LexOne(Token& token) {
    size_t start = pos_;
    char c = Peek();
    // Obfuscated strings: h"..", h'..', h@"..", H@'..'.
    if ((c == 'h' || c == 'H') && (Peek(1) == '"' || Peek(1) == '\'' ||
                                   (Peek(1) == '@' && (Peek(2) == '"' || Peek(2) == '\'')))) {
      ++pos_;
      token.obfuscated = true;
      return LexString(token);
    }
    if (c == '"' || c == '\'' || (c == '@' && (Peek(1) == '"' || Peek(1) == '\'')) ||
        text_.substr(pos_, 3) == "```" || text_.substr(pos_, 3) == "~~~") {
      return LexString(token);
    }
    if ((IsIdentStart(c) && UnicodeSpaceLength(pos_) == 0) || (c == '$' && IsIdentStart(Peek(1)))) {
      return LexIdentifier(token);
    }
    if (IsDigit(c)) return LexNumber(token);
    if (c == '!' && IsIdentStart(Peek(1))) {
      // `!has`, `!contains_cs`, `!in~`, ...
      size_t end = pos_ + 1;
      while (AtIdentChar(end)) ++end;
      std::string_view word = text_.substr(pos_ + 1, end - pos_ - 1);
      if (Contains(kNegatableWords, word)) {
        pos_ = end;
        token.text = "!" + std::string(word);
        if (word == "in" && Peek() == '~') {
          ++pos_;
          token.text += "~";
        }
        Push(token, TokenKind::kOperator);
        return Status::OK();
      }
    }
    for (std::string_view p : kPunctuation) {
      if (text_.substr(pos_, p.size()) == p) {
        pos_ += p.size();
        token.text = std::string(p);
        Push(token, TokenKind::kOperator);
        return Status::OK();
      }
    }
    std::string shown = static_cast<unsigned char>(c) < 0x20
                            ? "character code " + std::to_string(static_cast<int>(c))
                            : "'" + std::string(1, c) + "'";
    return ErrorAt(start, "unexpected " + shown);
  }

  Status LexIdentifier(Token& token) {
    size_t start = pos_;
    ++pos_;
    while (AtIdentChar(pos_)) ++pos_;
    // Hyphenated operator names: join `word-word[-word]` when the whole is known.
    size_t end = pos_;
    while (end < text_.size() && text_[end] == '-' && end + 1 < text_.size() &&
           IsIdentStart(text_[end + 1])) {
      size_t next = end + 1;
      while (AtIdentChar(next)) ++next;
      end = next;
      if (Contains(kHyphenatedNames, text_.substr(start, end - start))) pos_ = end;
    }
    token.text = std::string(text_.substr(start, pos_ - start));
    if (token.text == "in" && Peek() == '~') {
      ++pos_;
      token.text = "in~";
      Push(token, TokenKind::kOperator);
      return Status::OK();
    }
    bool raw = Contains(kRawLiteralWords, token.text);
    Push(token, TokenKind::kIdentifier);
    if (raw) return LexRawArgument();
    return Status::OK();
  }

  // After datetime/guid/timespan: if '(' follows, emits '(' raw ')'.
  Status LexRawArgument() {
    size_t save = pos_;
    bool space = SkipSpaceAndComments();
    if (Peek() != '(') {
      pos_ = save;
      return Status::OK();
    }
    Token open;
    open.position = PositionAt(pos_);
    open.space_before = space;
    open.text = "(";
    ++pos_;
    Push(open, TokenKind::kOperator);
    size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != ')' && text_[pos_] != '\n') ++pos_;
    if (pos_ >= text_.size() || text_[pos_] != ')') {
      return ErrorAt(start - 1, "expected ')' to close the literal");
    }
    Token raw;
    raw.position = PositionAt(start);
    std::string_view body = text_.substr(start, pos_ - start);
    size_t b = body.find_first_not_of(" \t\r");
    size_t e = body.find_last_not_of(" \t\r");
    raw.text = b == std::string_view::npos ? "" : std::string(body.substr(b, e - b + 1));
    Push(raw, TokenKind::kRawText);
    Token close;
    close.position = PositionAt(pos_);
    close.text = ")";
    ++pos_;
    Push(close, TokenKind::kOperator);
    return Status::OK();
  }

  Status LexNumber(Token& token) {
    size_t start = pos_;
    if (Peek() == '0' && (Peek(1) == 'x' || Peek(1) == 'X') && IsHexDigit(Peek(2))) {
      pos_ += 2;
      uint64_t v = 0;
      while (pos_ < text_.size() && IsHexDigit(text_[pos_])) {
        char h = text_[pos_];
        int d = IsDigit(h) ? h - '0' : (h | 0x20) - 'a' + 10;
        if (v >> 60) return ErrorAt(start, "hexadecimal literal is too large");
        v = v * 16 + static_cast<uint64_t>(d);
        ++pos_;
      }
      if (AtIdentChar(pos_)) {
        return ErrorAt(start, "invalid number literal");
      }
      token.long_value = static_cast<int64_t>(v);
      token.text = std::string(text_.substr(start, pos_ - start));
      Push(token, TokenKind::kLong);
      return Status::OK();
    }
    bool is_real = false;
    while (IsDigit(Peek())) ++pos_;
    if (Peek() == '.' && IsDigit(Peek(1))) {
      is_real = true;
      ++pos_;
      while (IsDigit(Peek())) ++pos_;
    }
    if ((Peek() == 'e' || Peek() == 'E') &&
        (IsDigit(Peek(1)) || ((Peek(1) == '+' || Peek(1) == '-') && IsDigit(Peek(2))))) {
      is_real = true;
      pos_ += 2;
      while (IsDigit(Peek())) ++pos_;
    }
    std::string number(text_.substr(start, pos_ - start));
    if (AtIdentChar(pos_)) {
      size_t unit_start = pos_;
      while (AtIdentChar(pos_)) ++pos_;
      std::string_view unit = text_.substr(unit_start, pos_ - unit_start);
      for (const TimespanUnit& u : kTimespanUnits) {
        if (u.name != unit) continue;
        double value = std::strtod(number.c_str(), nullptr);
        double ticks = std::round(value * static_cast<double>(u.ticks));
        if (!(ticks < 9.2e18)) return ErrorAt(start, "timespan literal is too large");
        token.long_value = static_cast<int64_t>(ticks);
        token.text = std::string(text_.substr(start, pos_ - start));
        Push(token, TokenKind::kTimespan);
        return Status::OK();
      }
      if (!is_real) {
        // Kusto's parser accepts names that start with digits (`let 2022Cves = ...`).
        token.text = std::string(text_.substr(start, pos_ - start));
        Push(token, TokenKind::kIdentifier);
        return Status::OK();
      }
      return ErrorAt(
          start, "invalid number literal '" + std::string(text_.substr(start, pos_ - start)) + "'");
    }
    token.text = number;
    if (is_real) {
      token.real_value = std::strtod(number.c_str(), nullptr);
      Push(token, TokenKind::kReal);
      return Status::OK();
    }
    errno = 0;
    char* end = nullptr;
    long long v = std::strtoll(number.c_str(), &end, 10);
    if (errno == ERANGE) {
      // Kusto reads integers beyond the long range as real.
      token.real_value = std::strtod(number.c_str(), nullptr);
      Push(token, TokenKind::kReal);
      return Status::OK();
    }
    token.long_value = v;
    Push(token, TokenKind::kLong);
    return Status::OK();
  }

  Status LexString(Token& token) {
    size_t start = pos_;
    if (text_.substr(pos_, 3) == "```" || text_.substr(pos_, 3) == "~~~") {
      std::string_view fence = text_.substr(pos_, 3);
      size_t close = text_.find(fence, pos_ + 3);
      if (close == std::string_view::npos) return ErrorAt(start, "unterminated string literal");
      token.text = std::string(text_.substr(pos_ + 3, close - pos_ - 3));
      pos_ = close + 3;
      Push(token, TokenKind::kString);
      return Status::OK();
    }
    bool verbatim = false;
    if (Peek() == '@') {
      verbatim = true;
      ++pos_;
    }
    char quote = Peek();
    ++pos_;
    std::string out;
    while (true) {
      if (pos_ >= text_.size() || text_[pos_] == '\n') {
        return ErrorAt(start, "unterminated string literal");
      }
      char c = text_[pos_];
      if (c == quote) {
        if (verbatim && Peek(1) == quote) {
          out += quote;
          pos_ += 2;
          continue;
        }
        ++pos_;
        break;
      }
      if (c == '\\' && !verbatim) {
        RETURN_IF_ERROR(LexEscape(out));
        continue;
      }
      out += c;
      ++pos_;
    }
    token.text = std::move(out);
    Push(token, TokenKind::kString);
    return Status::OK();
  }

  // Four hex digits at the cursor (after `\u`) into *code_unit.
  Status ReadHex4(size_t escape_at, uint32_t* code_unit) {
    uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      char h = Peek();
      if (!IsHexDigit(h)) return ErrorAt(escape_at, "invalid \\u escape in string literal");
      value = value * 16 + static_cast<uint32_t>(IsDigit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
      ++pos_;
    }
    *code_unit = value;
    return Status::OK();
  }

  // At `\uDC00`..`\uDFFF`: consumes it and sets *low; otherwise leaves the cursor.
  bool LowSurrogateAhead(uint32_t* low) {
    uint32_t value = 0;
    for (int i = 2; i < 6; ++i) {
      char h = Peek(i);
      if (!IsHexDigit(h)) return false;
      value = value * 16 + static_cast<uint32_t>(IsDigit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
    }
    if (value < 0xDC00 || value > 0xDFFF) return false;
    pos_ += 6;
    *low = value;
    return true;
  }

  // At a backslash inside a regular string literal.
  Status LexEscape(std::string& out) {
    size_t at = pos_;
    char e = Peek(1);
    pos_ += 2;
    switch (e) {
      case 'n':
        out += '\n';
        return Status::OK();
      case 't':
        out += '\t';
        return Status::OK();
      case 'r':
        out += '\r';
        return Status::OK();
      case 'a':
        out += '\a';
        return Status::OK();
      case 'b':
        out += '\b';
        return Status::OK();
      case 'f':
        out += '\f';
        return Status::OK();
      case 'v':
        out += '\v';
        return Status::OK();
      case '0':
        out += '\0';
        return Status::OK();
      case '\\':
      case '\'':
      case '"':
      case '/':
        out += e;
        return Status::OK();
      case 'u': {
        uint32_t cp = 0;
        RETURN_IF_ERROR(ReadHex4(at, &cp));
        // A UTF-16 surrogate pair `\uD83D\uDE00` is one code point; a lone surrogate has
        // no UTF-8 form and becomes U+FFFD (AppendUtf8), as .NET encodes it.
        uint32_t low = 0;
        if (cp >= 0xD800 && cp <= 0xDBFF && Peek() == '\\' && Peek(1) == 'u' &&
            LowSurrogateAhead(&low)) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        AppendUtf8(cp, &out);
        return Status::OK();
      }
      case 'x': {
        uint32_t cp = 0;
        for (int i = 0; i < 2; ++i) {
          char h = Peek();
          if (!IsHexDigit(h)) return ErrorAt(at, "invalid \\x escape in string literal");
          cp = cp * 16 + static_cast<uint32_t>(IsDigit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
          ++pos_;
        }
        AppendUtf8(cp, &out);
        return Status::OK();
      }
      default:
        if (e == '\0' || e == '\n') return ErrorAt(at, "unterminated string literal");
        return ErrorAt(at, std::string("invalid escape sequence '\\") + e + "' in string literal");
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
  std::vector<uint32_t> line_starts_;
  std::vector<Token> tokens_;
};

}  // namespace

std::string DescribeToken(const Token& token) {
  switch (token.kind) {
    case TokenKind::kEnd:
      return "end of input";
    case TokenKind::kString:
      return "string literal";
    case TokenKind::kRawText:
      return "'" + token.text + "'";
    case TokenKind::kLong:
    case TokenKind::kReal:
    case TokenKind::kTimespan:
    case TokenKind::kIdentifier:
    case TokenKind::kOperator:
      break;
  }
  return "'" + token.text + "'";
}

Result<std::vector<Token>> Lex(std::string_view text) {
  if (text.size() > kMaxQueryBytes) {
    return SyntaxError(
        "query text is larger than 1 MiB (" + std::to_string(text.size()) + " bytes)",
        SourcePosition{1, 1, 0});
  }
  if (size_t bad = FindInvalidUtf8(text); bad != std::string_view::npos) {
    SourcePosition position{1, 1, static_cast<uint32_t>(bad)};
    for (size_t i = 0; i < bad; ++i) {
      if (text[i] == '\n') {
        ++position.line;
        position.column = 1;
      } else {
        ++position.column;
      }
    }
    return SyntaxError("query text is not valid UTF-8 (byte 0x" + HexByte(text[bad]) + ")",
                       position);
  }
  return Lexer(text).Run();
}

}  // namespace huntbook::kql

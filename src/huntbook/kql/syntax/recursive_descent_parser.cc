#include "huntbook/kql/syntax/recursive_descent_parser.h"

#include <utility>

#include "huntbook/kql/syntax/lexer.h"
#include "huntbook/kql/syntax/parser.h"

namespace huntbook::kql {

RecursiveDescentParser::RecursiveDescentParser(std::string_view text, std::vector<Token> tokens)
    : text_(text), tokens_(std::move(tokens)) {}

const Token& RecursiveDescentParser::Peek(size_t ahead) const {
  size_t i = pos_ + ahead;
  return i < tokens_.size() ? tokens_[i] : tokens_.back();
}

const Token& RecursiveDescentParser::Advance() {
  const Token& t = Peek();
  if (pos_ + 1 < tokens_.size()) ++pos_;
  return t;
}

bool RecursiveDescentParser::IsOp(std::string_view op, size_t ahead) const {
  const Token& t = Peek(ahead);
  return t.kind == TokenKind::kOperator && t.text == op;
}

bool RecursiveDescentParser::IsWord(std::string_view word, size_t ahead) const {
  const Token& t = Peek(ahead);
  return t.kind == TokenKind::kIdentifier && t.text == word;
}

bool RecursiveDescentParser::IsIdentifier(size_t ahead) const {
  return Peek(ahead).kind == TokenKind::kIdentifier;
}

bool RecursiveDescentParser::AcceptOp(std::string_view op) {
  if (!IsOp(op)) return false;
  Advance();
  return true;
}

bool RecursiveDescentParser::AcceptWord(std::string_view word) {
  if (!IsWord(word)) return false;
  Advance();
  return true;
}

Status RecursiveDescentParser::ExpectOp(std::string_view op) {
  if (AcceptOp(op)) return Status::OK();
  return ErrorExpected("'" + std::string(op) + "'");
}

Status RecursiveDescentParser::ExpectWord(std::string_view word) {
  if (AcceptWord(word)) return Status::OK();
  return ErrorExpected("'" + std::string(word) + "'");
}

Result<std::string> RecursiveDescentParser::ExpectIdentifier(std::string_view what) {
  if (!IsIdentifier()) return ErrorExpected(what);
  return Advance().text;
}

Status RecursiveDescentParser::ErrorExpected(std::string_view what) const {
  return SyntaxError("expected " + std::string(what) + " but found " + DescribeToken(Peek()),
                     Peek().position);
}

SourcePosition RecursiveDescentParser::EndOfPreviousToken() const {
  if (pos_ == 0) return Peek().position;
  const Token& last = tokens_[pos_ - 1];
  SourcePosition end = last.position;
  std::string_view text =
      text_.substr(last.position.offset, last.end_offset - last.position.offset);
  for (char c : text) {
    if (c == '\n') {
      ++end.line;
      end.column = 1;
    } else {
      ++end.column;
    }
  }
  end.offset = last.end_offset;
  return end;
}

std::string RecursiveDescentParser::TextFrom(size_t first) const {
  if (pos_ == 0 || first >= pos_) return "";
  uint32_t begin = tokens_[first].position.offset;
  uint32_t end = tokens_[pos_ - 1].end_offset;
  if (end <= begin || end > text_.size()) return "";
  return std::string(text_.substr(begin, end - begin));
}

Status RecursiveDescentParser::EnterNesting() {
  ++depth_;
  if (depth_ > kMaxNestingDepth) {
    return SyntaxError(
        "query is nested more than " + std::to_string(kMaxNestingDepth) + " levels deep",
        Peek().position);
  }
  return Status::OK();
}

ExprPtr RecursiveDescentParser::MakeExpr(ExprKind kind, const SourcePosition& position) const {
  auto e = std::make_shared<Expr>();
  e->kind = kind;
  e->position = position;
  return e;
}

Result<Query> Parse(std::string_view text) {
  ASSIGN_OR_RETURN(std::vector<Token> tokens, Lex(text));
  RecursiveDescentParser parser(text, std::move(tokens));
  ASSIGN_OR_RETURN(Query query, parser.ParseQuery());
  RETURN_IF_ERROR(CheckNestingDepth(query));
  return query;
}

Result<ExprPtr> ParseExpression(std::string_view text) {
  ASSIGN_OR_RETURN(std::vector<Token> tokens, Lex(text));
  RecursiveDescentParser parser(text, std::move(tokens));
  ASSIGN_OR_RETURN(ExprPtr expr, parser.ParseStandaloneExpression());
  if (expr) RETURN_IF_ERROR(CheckNestingDepth(*expr));
  return expr;
}

}  // namespace huntbook::kql

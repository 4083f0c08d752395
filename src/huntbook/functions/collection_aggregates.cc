// make_set, make_set_if, make_list, make_list_if, make_list_with_nulls, make_bag and the
// deprecated makeset / makelist: dynamic arrays (make_bag: a property bag) per group.
// https://learn.microsoft.com/kusto/query/make-set-aggregation-function
// https://learn.microsoft.com/kusto/query/make-list-aggregation-function
// https://learn.microsoft.com/kusto/query/make-bag-aggregation-function
//
// Nulls are skipped (make_list_with_nulls keeps them as JSON null). maxSize defaults to and
// is capped at 1,048,576; the deprecated makeset/makelist default to 128. make_set expands
// an array argument into its elements ("Set from array column" example); make_list keeps
// each value as one element. Element order: first seen, partial states appended in merge
// order. A group without values gives [] (make_bag: {}).
#include <algorithm>
#include <memory>
#include <string>
#include <unordered_set>

#include "huntbook/functions/aggregate_families.h"
#include "huntbook/functions/aggregate_value_key.h"

namespace huntbook::functions {
namespace {

constexpr int64_t kMaxSize = 1'048'576;
constexpr int64_t kLegacyMaxSize = 128;

enum class Collect { kSet, kList, kListWithNulls, kBag };

class CollectionAggregator : public Aggregator {
 public:
  CollectionAggregator(Collect collect, int predicate, int size_arg, int64_t default_size)
      : collect_(collect), predicate_(predicate), size_arg_(size_arg), max_size_(default_size) {}

  void Resize(size_t groups) override {
    if (groups <= items_.size()) return;
    items_.resize(groups);
    if (collect_ == Collect::kSet || collect_ == Collect::kBag) keys_.resize(groups);
    if (collect_ == Collect::kBag) members_.resize(groups);
  }

  Status Update(std::span<const ColumnPtr> args, const uint32_t* group_ids, size_t rows) override {
    if (size_arg_ >= 0) {
      ASSIGN_OR_RETURN(int64_t size, ConstantIntArgument(*args[size_arg_], "maxSize"));
      if (size <= 0) {
        return InvalidArgument("maxSize must be positive, got " + std::to_string(size));
      }
      max_size_ = std::min(size, kMaxSize);
    }
    const Column& x = *args[0];
    const Column* predicate = predicate_ < 0 ? nullptr : args[predicate_].get();
    for (size_t i = 0; i < rows; ++i) {
      if (predicate != nullptr && !IsTrue(*predicate, i)) continue;
      const uint32_t g = group_ids[i];
      if (IsMissing(x, i)) {
        if (collect_ == Collect::kListWithNulls) AddToList(g, Dynamic());
        continue;
      }
      Dynamic value = ToDynamicElement(x, i);
      switch (collect_) {
        case Collect::kSet:
          if (value.is_array()) {
            for (const Dynamic& element : value.array()) AddToSet(g, element);
          } else {
            AddToSet(g, value);
          }
          break;
        case Collect::kList:
        case Collect::kListWithNulls:
          AddToList(g, std::move(value));
          break;
        case Collect::kBag:
          if (value.is_object()) {
            for (const auto& [key, member] : value.object()) AddToBag(g, key, member);
          }
          break;
      }
    }
    return Status::OK();
  }

  Status Merge(const Aggregator& other, const uint32_t* group_map) override {
    ASSIGN_OR_RETURN(const CollectionAggregator* same, SameAggregator<CollectionAggregator>(other));
    if (size_arg_ >= 0 && same->max_size_ != max_size_) max_size_ = same->max_size_;
    for (size_t g = 0; g < same->items_.size(); ++g) {
      const uint32_t t = group_map[g];
      if (collect_ == Collect::kBag) {
        for (const auto& [key, member] : same->members_[g]) AddToBag(t, key, member);
        continue;
      }
      for (const Dynamic& item : same->items_[g]) {
        if (collect_ == Collect::kSet)
          AddToSet(t, item);
        else
          AddToList(t, item);
      }
    }
    return Status::OK();
  }

  Result<std::vector<ColumnPtr>> Finalize() override {
    auto out = std::make_shared<Column>(TypeKind::kDynamic);
    out->Reserve(items_.size());
    for (size_t g = 0; g < items_.size(); ++g) {
      if (collect_ == Collect::kBag)
        out->AppendDynamic(Dynamic::MakeObject(members_[g]));
      else
        out->AppendDynamic(Dynamic::MakeArray(items_[g]));
    }
    return std::vector<ColumnPtr>{out};
  }

 private:
  bool Full(uint32_t g) const {
    const size_t n = collect_ == Collect::kBag ? members_[g].size() : items_[g].size();
    return static_cast<int64_t>(n) >= max_size_;
  }
  void AddToList(uint32_t g, Dynamic value) {
    if (!Full(g)) items_[g].push_back(std::move(value));
  }
  void AddToSet(uint32_t g, const Dynamic& value) {
    if (value.is_null() || Full(g)) return;
    if (keys_[g].insert(value.ToJson()).second) items_[g].push_back(value);
  }
  // The first value seen for a key is kept (the docs allow any one of them).
  void AddToBag(uint32_t g, const std::string& key, const Dynamic& member) {
    if (Full(g)) return;
    if (keys_[g].insert(key).second) members_[g].emplace_back(key, member);
  }

  Collect collect_;
  int predicate_;
  int size_arg_;
  int64_t max_size_;
  std::vector<Dynamic::Array> items_;
  std::vector<std::unordered_set<std::string>> keys_;
  std::vector<Dynamic::Object> members_;
};

void AddCollection(AggregateList* list, std::string name, std::string page, Collect collect,
                   bool conditional, int64_t default_size, std::string prefix) {
  const int min = conditional ? 2 : 1;
  const int max = collect == Collect::kListWithNulls ? min : min + 1;
  list->push_back(AggregateFunction{
      name, DocUrl(page), min, max,
      [name, min, max, conditional,
       collect](std::span<const TypeKind> types) -> Result<AggregateSignature> {
        RETURN_IF_ERROR(CheckArgCount(name, types, min, max));
        if (conditional) RETURN_IF_ERROR(CheckPredicate(name, types[1]));
        if (static_cast<int>(types.size()) > min) {
          RETURN_IF_ERROR(CheckIntegerArgument(name, "maxSize", types[min]));
        }
        if (collect == Collect::kBag && types[0] != TypeKind::kDynamic) {
          return SemanticError(name + "(): expects a dynamic property bag, got " +
                               std::string(TypeName(types[0])));
        }
        return AggregateSignature{{TypeKind::kDynamic}};
      },
      [collect, min, conditional,
       default_size](std::span<const TypeKind> types) -> std::unique_ptr<Aggregator> {
        const int size_arg = static_cast<int>(types.size()) > min ? min : -1;
        return std::make_unique<CollectionAggregator>(collect, conditional ? 1 : -1, size_arg,
                                                      default_size);
      },
      std::move(prefix)});
}

}  // namespace

void RegisterCollectionAggregates(AggregateList* list) {
  const char* set_page = "make-set-aggregation-function";
  const char* list_page = "make-list-aggregation-function";
  AddCollection(list, "make_set", set_page, Collect::kSet, false, kMaxSize, "set_");
  AddCollection(list, "makeset", set_page, Collect::kSet, false, kLegacyMaxSize, "set_");
  AddCollection(list, "make_set_if", "make-set-if-aggregation-function", Collect::kSet, true,
                kMaxSize, "set_");
  AddCollection(list, "make_list", list_page, Collect::kList, false, kMaxSize, "list_");
  AddCollection(list, "makelist", list_page, Collect::kList, false, kLegacyMaxSize, "list_");
  AddCollection(list, "make_list_if", "make-list-if-aggregation-function", Collect::kList, true,
                kMaxSize, "list_");
  AddCollection(list, "make_list_with_nulls", "make-list-with-nulls-aggregation-function",
                Collect::kListWithNulls, false, kMaxSize, "list_");
  AddCollection(list, "make_bag", "make-bag-aggregation-function", Collect::kBag, false, kMaxSize,
                "bag_");
  AddCollection(list, "make_bag_if", "make-bag-if-aggregation-function", Collect::kBag, true,
                kMaxSize, "bag_");
}

}  // namespace huntbook::functions

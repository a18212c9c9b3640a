// A visitor made of lambdas, one per alternative: `std::visit(overloaded{...}, v)` does not
// compile until every alternative of `v` has one (no catch-all, no silent default).
#pragma once

namespace chitchat {

template <class... F>
struct overloaded : F... {
    using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

}  // namespace chitchat

// SPDX-License-Identifier: Apache-2.0
// An owning array in the memory of one backend (host memory for cpu, device memory for cuda),
// so the simulation can keep its structs of arrays where the kernels run. No CUDA or Thrust
// types appear here.
#pragma once

#include <cstddef>
#include <ranges>
#include <span>
#include <type_traits>
#include <utility>

#include "kernels/backend.h"

namespace aifsim::kernels {

namespace detail {
/// count * element_bytes; throws std::length_error when that does not fit in size_t.
std::size_t checked_bytes(std::size_t count, std::size_t element_bytes);
/// Zero-filled allocation of `bytes` on `backend`; throws std::runtime_error on failure.
void* backend_alloc(Backend backend, std::size_t bytes);
void backend_free(Backend backend, void* ptr) noexcept;
void backend_copy_to_device(Backend backend, void* dst, const void* src, std::size_t bytes);
void backend_copy_to_host(Backend backend, void* dst, const void* src, std::size_t bytes);
}  // namespace detail

/// Fixed-size array of trivially copyable T living on a backend. The spans it hands out are
/// valid on that backend only (device pointers for cuda), which is what the kernels take.
template <class T>
class DeviceBuffer {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  DeviceBuffer() = default;
  DeviceBuffer(Backend backend, std::size_t count)
      : backend_(backend),
        count_(count),
        data_(static_cast<T*>(
            count ? detail::backend_alloc(backend, detail::checked_bytes(count, sizeof(T)))
                  : nullptr)) {}
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
  DeviceBuffer(DeviceBuffer&& other) noexcept { swap(other); }
  DeviceBuffer& operator=(DeviceBuffer&& other) noexcept {
    DeviceBuffer tmp(std::move(other));
    swap(tmp);
    return *this;
  }
  ~DeviceBuffer() {
    if (data_) detail::backend_free(backend_, data_);
  }

  std::size_t size() const { return count_; }
  Backend backend() const { return backend_; }
  std::span<T> span() { return {data_, count_}; }
  std::span<const T> span() const { return {data_, count_}; }

  /// Copies host.size() elements (must equal size()) from host memory into the buffer.
  void upload(std::span<const T> host) {
    copy_check(host.size());
    if (count_) detail::backend_copy_to_device(backend_, data_, host.data(), count_ * sizeof(T));
  }
  /// Copies the buffer into host memory of the same size.
  void download(std::span<T> host) const {
    copy_check(host.size());
    if (count_) detail::backend_copy_to_host(backend_, host.data(), data_, count_ * sizeof(T));
  }

 private:
  void copy_check(std::size_t n) const;
  void swap(DeviceBuffer& o) noexcept {
    std::swap(backend_, o.backend_);
    std::swap(count_, o.count_);
    std::swap(data_, o.data_);
  }
  Backend backend_ = Backend::cpu;
  std::size_t count_ = 0;
  T* data_ = nullptr;
};

void throw_size_mismatch(std::size_t expected, std::size_t got);

template <class T>
void DeviceBuffer<T>::copy_check(std::size_t n) const {
  if (n != count_) throw_size_mismatch(count_, n);
}

/// A buffer on `backend` holding a copy of the host array `host` (a vector, an array, a span).
template <std::ranges::contiguous_range Host, class T = std::remove_cv_t<std::ranges::range_value_t<Host>>>
DeviceBuffer<T> to_backend(Backend backend, const Host& host) {
  DeviceBuffer<T> buffer(backend, std::ranges::size(host));
  buffer.upload(std::span<const T>(std::ranges::data(host), std::ranges::size(host)));
  return buffer;
}

}  // namespace aifsim::kernels

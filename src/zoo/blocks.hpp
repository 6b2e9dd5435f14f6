// Building blocks shared by the zoo's networks: attribute shorthands and common layer groups.
#pragma once

#include <string>

#include "graph/builder.hpp"

namespace synergy::zoo {

// Square kernel, stride and symmetric padding.
ConvAttrs conv(int64_t out, int64_t kernel, int64_t stride = 1, int64_t pad = 0, int64_t groups = 1,
               bool bias = true);
// Rectangular kernel (Inception-v3's 1x7 / 7x1), stride 1, no bias.
ConvAttrs conv_rect(int64_t out, Hw kernel, Hw pad);
PoolAttrs max_pool(int64_t kernel, int64_t stride, int64_t pad, Rounding rounding);
PoolAttrs avg_pool(int64_t kernel, int64_t stride, int64_t pad, Rounding rounding,
                   bool count_include_pad);
PoolAttrs global_avg_pool();
ActivationAttrs relu();
ActivationAttrs relu6();
FullyConnectedAttrs fc(int64_t out);

// Caffe style: conv named `conv_name`, ReLU named `relu_name`.
ValueId conv_relu(GraphBuilder& b, const std::string& conv_name, const std::string& relu_name,
                  ValueId in, ConvAttrs a);

// Names of the layers of a conv -> batch norm [-> activation] group.
struct ConvBnNames {
  std::string conv, bn, act;  // act empty: no activation
};
// conv (its bias as given) -> BatchNorm [-> activation `act`].
ValueId conv_bn(GraphBuilder& b, const ConvBnNames& names, ValueId in, ConvAttrs a,
                ActivationAttrs act = relu());
// torchvision naming: `<prefix>.conv<i>`, `<prefix>.bn<i>`, `<prefix>.relu<i>` (no bias).
ValueId tv_conv_bn(GraphBuilder& b, const std::string& prefix, int index, ValueId in, ConvAttrs a,
                   bool with_relu);

// Caffe style with separate Scale: conv -> `bn<name>` -> `scale<name>` [-> `<conv>_relu`].
ValueId conv_bn_scale(GraphBuilder& b, const std::string& conv_name, const std::string& suffix,
                      ValueId in, ConvAttrs a, bool with_relu);

// A ShuffleNet v2 unit (torchvision naming under `p`): stride 1 splits the channels in two and
// runs one half through 1x1, depthwise 3x3 and 1x1; stride 2 runs both halves on the whole input;
// then concat and channel shuffle. `hw` is its output side.
ValueId shuffle_unit(GraphBuilder& b, const std::string& p, ValueId in, int64_t in_c, int64_t out_c,
                     int64_t stride, int64_t hw);

// The classifier tail of Caffe networks: fc -> softmax named `prob`.
ValueId softmax(GraphBuilder& b, const std::string& name, ValueId in);

}  // namespace synergy::zoo

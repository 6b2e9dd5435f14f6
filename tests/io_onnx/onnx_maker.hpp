// Builds small ONNX models in code for the importer tests.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace synergy::testing {

class OnnxMaker {
 public:
  explicit OnnxMaker(int opset = 13);

  OnnxMaker& input(const std::string& name, std::vector<int64_t> dims, bool symbolic_batch = false);
  OnnxMaker& output(const std::string& name);
  OnnxMaker& floats(const std::string& name, std::vector<int64_t> dims,
                    std::vector<float> values = {});
  OnnxMaker& ints(const std::string& name, std::vector<int64_t> values);
  // Adds a node; returns it so attributes can be set with the helpers below.
  onnx::NodeProto& node(const std::string& op, std::vector<std::string> inputs,
                        std::vector<std::string> outputs, const std::string& name = "");
  std::string bytes() const;
  onnx::ModelProto& proto() { return model_; }

 private:
  onnx::ModelProto model_;
};

void attr(onnx::NodeProto& n, const std::string& name, int64_t v);
void attr(onnx::NodeProto& n, const std::string& name, float v);
void attr(onnx::NodeProto& n, const std::string& name, const std::string& v);
void attr(onnx::NodeProto& n, const std::string& name, std::vector<int64_t> v);

}  // namespace synergy::testing

#!/usr/bin/env bash
# Records real nvidia-smi output, idle and under load, as fixtures for the telemetry parser (roadmap: local
# training, GPU telemetry each second). Run on a machine with an NVIDIA GPU; writes into ${OUT:-./nvidia-smi-out}.
set -u
out=${OUT:-./nvidia-smi-out}
mkdir -p "$out"
q=timestamp,index,name,uuid,driver_version,pci.bus_id,pstate,utilization.gpu,utilization.memory,memory.total,memory.used,memory.free,temperature.gpu,power.draw,power.limit,clocks.sm,clocks.mem,fan.speed
{ nvidia-smi -L; echo; nvidia-smi; } > "$out/nvidia-smi-summary.txt" 2>&1
nvidia-smi -q > "$out/nvidia-smi-q.txt" 2>&1
nvidia-smi -q -x > "$out/nvidia-smi-q.xml" 2>&1
# idle samples, once a second, the way the telemetry sampler will call it
nvidia-smi --query-gpu=$q --format=csv,nounits -l 1 > "$out/query-gpu-idle.csv" 2>&1 & p=$!; sleep 4; kill $p
# load: bf16 matrix products for ~12 s in the background
python3 - <<'PY' > "$out/load.log" 2>&1 &
import time, torch
a = torch.randn(8192, 8192, device="cuda", dtype=torch.bfloat16); b = torch.randn_like(a)
t = time.time(); n = 0
while time.time() - t < 12:
    c = a @ b; n += 1
    if n % 50 == 0: torch.cuda.synchronize()
torch.cuda.synchronize(); print("products", n)
PY
lp=$!
sleep 3
nvidia-smi --query-gpu=$q --format=csv,nounits -l 1 > "$out/query-gpu-load.csv" 2>&1 & p=$!
nvidia-smi --query-compute-apps=pid,process_name,used_memory --format=csv,nounits > "$out/query-compute-apps-load.csv" 2>&1
nvidia-smi dmon -c 5 > "$out/dmon-load.txt" 2>&1
sleep 1; kill $p; wait $lp
nvidia-smi --query-gpu=nonexistent.field --format=csv > "$out/query-gpu-bad-field.txt" 2>&1; echo "exit=$?" >> "$out/query-gpu-bad-field.txt"
ls -la "$out"

#!/usr/bin/env python3
"""Opens a memvid library the way memvid v0.1.x's MemvidRetriever does, without memvid's code, and reports what
its decoder reads: the index keys IndexManager.load uses, faiss.read_index on <stem>_index.faiss (and a search when
it holds vectors), cv2.VideoCapture's frame count and fps, then for every chunk a seek (CAP_PROP_POS_FRAMES) and
cv2.QRCodeDetector().detectAndDecode with memvid's GZ: handling, compared with the index's text.

  python3 check_with_opencv.py LIB.mkv LIB_index.json

Needs opencv-python (or -headless), numpy and faiss-cpu. Written for qrvid's memvid export (docs/memvid.md).
"""
import base64
import gzip
import json
import os
import sys

import cv2
import faiss
import numpy as np


def main():
    video, index = sys.argv[1], sys.argv[2]
    with open(index) as f:
        data = json.load(f)
    metadata = data["metadata"]
    chunk_to_frame = {int(k): v for k, v in data["chunk_to_frame"].items()}
    frame_to_chunks = {int(k): v for k, v in data["frame_to_chunks"].items()}
    config = data.get("config", {})
    assert all(metadata[i]["id"] == i for i in range(len(metadata))), "ids must be list positions"
    assert all(chunk_to_frame[m["id"]] == m["frame"] for m in metadata)
    assert all(m["id"] in frame_to_chunks[m["frame"]] for m in metadata)
    fi = faiss.read_index(os.path.splitext(index)[0] + ".faiss")
    dim = config["embedding"]["dimension"]
    print("index: %d chunks, keys %s; faiss %s d=%d ntotal=%d" % (len(metadata), sorted(data), type(fi).__name__,
                                                                   fi.d, fi.ntotal))
    assert fi.d == dim
    distances, ids = fi.search(np.ones((1, dim), dtype="float32"), 5)
    print("faiss search: ids %s" % ids[0].tolist())
    cap = cv2.VideoCapture(video)
    assert cap.isOpened(), "cv2 cannot open the video"
    print("video: %d frames at %.1f fps" % (int(cap.get(cv2.CAP_PROP_FRAME_COUNT)), cap.get(cv2.CAP_PROP_FPS)))
    detector = cv2.QRCodeDetector()
    read = 0
    for m in metadata:
        cap.set(cv2.CAP_PROP_POS_FRAMES, m["frame"])
        ok, frame = cap.read()
        assert ok, "cannot read frame %d" % m["frame"]
        text, _, _ = detector.detectAndDecode(frame)
        if text:
            if text.startswith("GZ:"):
                text = gzip.decompress(base64.b64decode(text[3:])).decode()
            assert json.loads(text)["text"] == m["text"], "wrong text in frame %d" % m["frame"]
            read += 1
    print("cv2.QRCodeDetector (memvid's decoder) read %d of %d frames; memvid returns the index's text for the rest"
          % (read, len(metadata)))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Makes small memvid v0.1.x libraries (video + <name>_index.json [+ <name>_index.faiss]) for qrvid's tests.

Written for qrvid from the format description in ../shared/research/memvid.md; it runs none of memvid's code but
follows its pipeline step by step with the same libraries memvid uses:

  1. chunks: memvid's chunk_text rule (1024 characters, overlap 32, cut after the last '.' past 80% of the
     window, strip()), plus chunks passed as given (memvid's add_chunks) to reach every QR version 35..40;
  2. payload: json.dumps({"id": i, "text": chunk, "frame": i}); above 100 characters "GZ:" + base64(gzip);
  3. symbol: python-qrcode QRCode(version=35, error_correction=M, box_size=5, border=3), make(fit=True),
     make_image(fill_color="black", back_color="white"), saved as frames/frame_%06d.png (815 px for version 35);
  4. video, one of
     mp4v: cv2.imread, cv2.resize to 256x256 (OpenCV's default, bilinear), cv2.VideoWriter(fourcc "mp4v", 15 fps)
           in MP4 (memvid's _encode_with_opencv, its default output in practice);
     h265: memvid's ffmpeg command for h265 with its file name ending in "mkv", verbatim, including its malformed
           "-x265-params -x265-params keyint=1:..." value (FFmpeg 5.1 ignores every key of it as unknown, as it
           does for memvid users), i.e. libx265 preset slower, crf 28, -vf scale=256:256 (swscale's default
           bicubic), yuv420p, profile mainstillpicture (all intra), 30 fps, Matroska;
  5. index: IndexManager.save's JSON (metadata id/text/frame/length, chunk_to_frame, frame_to_chunks, config =
     memvid's get_default_config()), json.dump(indent=2);
  6. with --faiss: IndexIDMap(IndexFlatL2(384)) written by faiss itself, over a stand-in embedding (hashed bag of
     words, L2-normalised; sentence-transformers is not available offline). Only the file layout matters here.

Needs what memvid's users have: Python 3 with opencv-python (or -headless; its wheels bundle FFmpeg), qrcode[pil]
(memvid pins 8.2), numpy and, for --faiss, faiss-cpu; and an ffmpeg with libx265 on the PATH (Debian's package).
The committed fixtures were made with opencv-python-headless 4.14.0.94, qrcode 8.2, faiss-cpu 1.15.1 and Debian's
FFmpeg 5.1 (x265 3.5):

  python3 make_fixtures.py --codec mp4v --name mp4v_lib --prose 10 --specials-after 5 --faiss
  python3 make_fixtures.py --codec h265 --name h265_lib --prose 8 --specials-after 4 --drop-frame 3 --cut 6

and, for measurements on real text (not committed):

  python3 make_fixtures.py --codec mp4v --name vim --source ../shared/corpus/vim-user-manual/usr_0*.txt --truth /tmp/t

--truth DIR also writes each frame's symbol (modules as a 0/1 text grid, version) for measuring a sampler's module
error rate; --drop-frame K also writes <name>_dropped.mkv, the h265 video's first --cut frames with frame K removed
(stream copy; every frame is intra, so the others decode unchanged): a library whose video lacks frames its index
names.

Frames in the h265 library after the first one whose symbol is larger than version 35 are dithered to 1 bit: when
the PNG size changes, FFmpeg 5.1 rebuilds its filter graph and the new scale filter outputs monob (ordered dither)
before the conversion to yuv420p. That is what memvid's command does with such frames on this FFmpeg; the
fixture keeps it.
"""

import argparse
import base64
import gzip
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

import cv2
import numpy as np
import qrcode
import qrcode.exceptions

# memvid's get_default_config() at HEAD a8c0516 (config.py), as IndexManager.save writes it.
CONFIG = {
    "qr": {"version": 35, "error_correction": "M", "box_size": 5, "border": 3,
           "fill_color": "black", "back_color": "white"},
    "codec": "h265",
    "chunking": {"chunk_size": 1024, "overlap": 32},
    "retrieval": {"top_k": 5, "batch_size": 100, "max_workers": 4, "cache_size": 1000},
    "embedding": {"model": "all-MiniLM-L6-v2", "dimension": 384},
    "index": {"type": "Flat", "nlist": 100},
    "llm": {"model": "gemini-2.0-flash-exp", "max_tokens": 8192, "temperature": 0.1, "context_window": 32000},
    "chat": {"max_history": 10, "context_chunks": 5},
    "performance": {"prefetch_frames": 50, "decode_timeout": 10},
}

WORDS = ("the of and to in is that it for as with was on be by this are from at or an have not which but all "
         "frame video symbol module version reader index chunk library memory search vector query store text "
         "decode encode codec quality block pixel error correction pattern finder timing alignment quiet zone "
         "mask data bytes stream header offset length table value entry record field number count second "
         "library's archive shelf paper pages chapter section note margin corner centre grid sample plane luma "
         "river mountain window garden morning evening winter summer city harbour market station bridge road "
         "quickly slowly carefully often rarely always never perhaps usually together alone again still").split()
ACCENTED = ["café", "naïve", "Zürich", "façade", "Ærø", "São Paulo", "東京", "Ελλάδα", "mañana", "😀", "€12"]


def prose(rng, chars):
    """Seeded English-like prose of about `chars` characters, paragraphs separated by a blank line."""
    out = []
    size = 0
    while size < chars:
        sentences = []
        for _ in range(rng.randint(3, 7)):
            words = [rng.choice(WORDS) for _ in range(rng.randint(6, 22))]
            if rng.random() < 0.15:
                words[rng.randrange(len(words))] = rng.choice(ACCENTED)
            if rng.random() < 0.2:
                words.insert(rng.randrange(len(words)), str(rng.randint(1, 99999)))
            s = " ".join(words)
            sentences.append(s[0].upper() + s[1:] + rng.choice([".", ".", ".", "?", "!"]))
        para = " ".join(sentences)
        out.append(para)
        size += len(para) + 2
    return "\n\n".join(out)


def chunk_text(text, chunk_size=1024, overlap=32):
    """memvid's chunking rule (utils.chunk_text), from its description: character windows, a cut just after the
    last '.' when it lies past 80% of the window, strip(), next start = end - overlap."""
    chunks = []
    start = 0
    while start < len(text):
        end = start + chunk_size
        chunk = text[start:end]
        if end < len(text):
            dot = chunk.rfind(".")
            if dot > chunk_size * 0.8:
                end = start + dot + 1
                chunk = text[start:end]
        chunks.append(chunk.strip())
        start = end - overlap
    return chunks


def payload(frame, text):
    data = json.dumps({"id": frame, "text": text, "frame": frame})
    if len(data) > 100:
        data = "GZ:" + base64.b64encode(gzip.compress(data.encode())).decode()
    return data


def make_qr(data):
    q = qrcode.QRCode(version=35, error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=5, border=3)
    q.add_data(data)
    q.make(fit=True)
    return q, q.make_image(fill_color="black", back_color="white")


def version_of(text, frame):
    """The version make(fit=True) picks for this chunk's payload (41: does not fit version 40)."""
    q = qrcode.QRCode(version=35, error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=5, border=3)
    q.add_data(payload(frame, text))
    try:
        return q.best_fit(start=35)
    except (ValueError, qrcode.exceptions.DataOverflowError):
        return 41


def entropy_chunk(rng, version, frame):
    """A chunk of hard-to-compress text (log-like lines of hex and base64) whose symbol is exactly `version`:
    the middle of the range of lengths that give that version."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    lines = []
    while sum(len(x) + 1 for x in lines) < 4000:
        key = "".join(rng.choice("0123456789abcdef") for _ in range(16))
        blob = "".join(rng.choice(alphabet) for _ in range(rng.randint(20, 48)))
        lines.append("%s sha=%s data=%s" % (rng.choice(["INFO", "WARN", "DEBUG"]), key, blob))
    text = "\n".join(lines)
    fits = []
    for n in range(600, len(text), 10):
        v = version_of(text[:n].strip(), frame)
        if v == version:
            fits.append(n)
        elif v > version:
            break
    if not fits:
        raise RuntimeError("cannot hit version %d" % version)
    return text[:fits[len(fits) // 2]].strip()


def build_chunks(args, rng):
    if args.source:
        text = "\n\n".join(open(p, encoding="utf-8").read() for p in args.source)
        chunks = chunk_text(text)
        chunks = chunks[:args.prose] if args.prose else chunks
        fitting = [c for c in chunks if version_of(c, 99999) <= 40]
        if len(fitting) < len(chunks):
            # memvid itself fails on these (python-qrcode raises): 1024 characters of CJK text exceed version 40
            print("dropped %d chunks that do not fit version 40" % (len(chunks) - len(fitting)), file=sys.stderr)
        chunks = fitting
        if not args.entropy:
            return chunks
        slots = sorted(rng.sample(range(len(chunks) + args.entropy), args.entropy))
        for k, slot in enumerate(slots):
            chunks.insert(slot, ("entropy", 36 + k % 5))
        return [entropy_chunk(rng, c[1], i) if isinstance(c, tuple) else c for i, c in enumerate(chunks)]
    chunks = chunk_text(prose(rng, args.prose * 1000))[:args.prose]
    specials = [
        # short chunks: JSON of at most 100 characters is stored as is (no GZ:), one with a long uppercase run
        # that python-qrcode puts in an alphanumeric segment, one with escapes (json.dumps ensure_ascii)
        "Short note.",
        "PART NUMBER 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "Caf\u00e9 \u201cquoted\u201d\ttab",
    ]
    for k in range(max(5, args.entropy)):
        specials.append(("entropy", 36 + k % 5))
    slots = sorted(rng.sample(range(args.specials_after, len(chunks) + len(specials)), len(specials)))
    out = list(chunks)
    for slot, s in zip(slots, specials):
        out.insert(slot, s)
    for i, s in enumerate(out):
        if isinstance(s, tuple):
            out[i] = entropy_chunk(rng, s[1], i)
    return out


def stand_in_embedding(text, dim=384):
    v = np.zeros(dim, dtype="float32")
    for w in text.lower().split():
        h = int.from_bytes(hashlib.sha256(w.encode()).digest()[:8], "little")
        v[h % dim] += 1.0 if (h >> 32) & 1 else -1.0
    n = np.linalg.norm(v)
    return v / n if n > 0 else v


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--codec", choices=["mp4v", "h265"], required=True)
    ap.add_argument("--name", required=True, help="library name: <name>.mp4|.mkv and <name>_index.json")
    ap.add_argument("--out", default=".", help="output folder")
    ap.add_argument("--prose", type=int, default=12, help="prose chunks (with --source: a limit, 0 = all)")
    ap.add_argument("--source", nargs="*", help="text files to chunk instead of synthetic prose (no specials)")
    ap.add_argument("--entropy", type=int, default=0,
                    help="hard-to-compress chunks of versions 36-40 in turn (synthetic: at least 5)")
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--specials-after", type=int, default=1, help="first frame that may hold a special chunk")
    ap.add_argument("--cut", type=int, default=6, help="with --drop-frame: frames kept before the drop")
    ap.add_argument("--faiss", action="store_true", help="also write <name>_index.faiss")
    ap.add_argument("--drop-frame", type=int, help="h265 only: also write <name>_dropped.mkv without frame K")
    ap.add_argument("--truth", help="folder for each frame's symbol (modules and version), for evaluation")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    chunks = build_chunks(args, rng)
    os.makedirs(args.out, exist_ok=True)
    ext = "mp4" if args.codec == "mp4v" else "mkv"
    video = os.path.join(args.out, "%s.%s" % (args.name, ext))
    tmp = tempfile.mkdtemp(prefix="memvid-fixture-")
    try:
        frames_dir = os.path.join(tmp, "frames")
        os.mkdir(frames_dir)
        versions = []
        for i, chunk in enumerate(chunks):
            q, img = make_qr(payload(i, chunk))
            versions.append(q.version)
            img.save(os.path.join(frames_dir, "frame_%06d.png" % i))
            if args.truth:
                os.makedirs(args.truth, exist_ok=True)
                with open(os.path.join(args.truth, "frame_%06d.txt" % i), "w") as f:
                    f.write("%d\n" % q.version)
                    for row in q.modules:
                        f.write("".join("1" if m else "0" for m in row) + "\n")
        if args.codec == "mp4v":
            writer = cv2.VideoWriter(video, cv2.VideoWriter_fourcc(*"mp4v"), 15, (256, 256))
            for i in range(len(chunks)):
                frame = cv2.imread(os.path.join(frames_dir, "frame_%06d.png" % i))
                if frame.shape[:2][::-1] != (256, 256):
                    frame = cv2.resize(frame, (256, 256))
                writer.write(frame)
            writer.release()
        else:
            threads = str(min(os.cpu_count() or 4, 16))
            extra = "-x265-params keyint=1:tune=stillimage:no-scenecut:strong-intra-smoothing:constrained-intra:rect:amp"
            cmd = ["ffmpeg", "-y", "-framerate", "30", "-i", os.path.join(frames_dir, "frame_%06d.png"),
                   "-c:v", "libx265", "-preset", "slower", "-crf", "28", "-vf", "scale=256:256",
                   "-pix_fmt", "yuv420p", "-profile:v", "mainstillpicture", "-threads", threads,
                   "-x265-params", extra + ":threads=" + threads,
                   "-movflags", "+faststart", "-avoid_negative_ts", "make_zero", video]
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if args.drop_frame is not None:
                cut = os.path.join(tmp, "cut.mkv")
                dropped = os.path.join(args.out, "%s_dropped.mkv" % args.name)
                subprocess.run(["ffmpeg", "-y", "-i", video, "-frames:v", str(args.cut), "-c", "copy", cut],
                               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                subprocess.run(["ffmpeg", "-y", "-i", cut, "-c", "copy", "-bsf:v",
                                "noise=drop=eq(n\\,%d)" % args.drop_frame, dropped],
                               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finally:
        shutil.rmtree(tmp)

    metadata = [{"id": i, "text": c, "frame": i, "length": len(c)} for i, c in enumerate(chunks)]
    index = {
        "metadata": metadata,
        "chunk_to_frame": {str(i): i for i in range(len(chunks))},
        "frame_to_chunks": {str(i): [i] for i in range(len(chunks))},
        "config": CONFIG,
    }
    base = os.path.join(args.out, "%s_index" % args.name)
    with open(base + ".json", "w") as f:
        json.dump(index, f, indent=2)
    if args.faiss:
        import faiss
        vectors = np.stack([stand_in_embedding(c) for c in chunks]).astype("float32")
        fi = faiss.IndexIDMap(faiss.IndexFlatL2(384))
        fi.add_with_ids(vectors, np.arange(len(chunks), dtype=np.int64))
        faiss.write_index(fi, base + ".faiss")
    hist = {v: versions.count(v) for v in sorted(set(versions))}
    print("%s: %d chunks, versions %s, %d bytes of video" % (video, len(chunks), hist, os.path.getsize(video)),
          file=sys.stderr)


if __name__ == "__main__":
    main()

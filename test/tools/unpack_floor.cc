// unpack_floor SRC DEST THREADS: what any extractor must pay to lay out the
// tree SRC (the same names, sizes and directories) in a fresh directory DEST
// on the file system under test. Every file is first read into memory (so no
// decoding or reading is timed); then the directories are made and the files
// written by THREADS threads, biggest first, each with open, write, close.
// Prints "files bytes seconds" for the timed part. Used by scripts/bench.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

struct File {
  std::string path;  // relative to the tree's root
  std::string data;
  mode_t mode;
};

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "unpack_floor: %s: %s\n", what.c_str(), std::strerror(errno));
  std::exit(1);
}

std::string read_file(const std::string& path, size_t size) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) die("cannot open " + path);
  std::string data(size, '\0');
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(fd, data.data() + done, size - done);
    if (n <= 0) die("cannot read " + path);
    done += size_t(n);
  }
  ::close(fd);
  return data;
}

void load(const std::string& root, const std::string& rel, std::vector<std::string>& dirs,
          std::vector<File>& files) {
  std::string dir = rel.empty() ? root : root + "/" + rel;
  DIR* d = ::opendir(dir.c_str());
  if (!d) die("cannot list " + dir);
  std::vector<std::string> names;
  while (struct dirent* e = ::readdir(d))
    if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0)
      names.push_back(e->d_name);
  ::closedir(d);
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    std::string child = rel.empty() ? name : rel + "/" + name;
    struct stat st;
    if (::lstat((root + "/" + child).c_str(), &st) != 0) die("cannot stat " + child);
    if (S_ISDIR(st.st_mode)) {
      dirs.push_back(child);
      load(root, child, dirs, files);
    } else if (S_ISREG(st.st_mode)) {
      files.push_back(
          {child, read_file(root + "/" + child, size_t(st.st_size)), st.st_mode & 0777});
    }
  }
}

void write_file(const std::string& dest, const File& f) {
  std::string path = dest + "/" + f.path;
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, f.mode);
  if (fd < 0) die("cannot create " + path);
  size_t done = 0;
  while (done < f.data.size()) {
    ssize_t n = ::write(fd, f.data.data() + done, f.data.size() - done);
    if (n <= 0) die("cannot write " + path);
    done += size_t(n);
  }
  if (::close(fd) != 0) die("cannot close " + path);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: unpack_floor SRC DEST THREADS\n");
    return 64;
  }
  std::string src = argv[1], dest = argv[2];
  unsigned threads = unsigned(std::max(1, std::atoi(argv[3])));
  std::vector<std::string> dirs;
  std::vector<File> files;
  load(src, "", dirs, files);
  std::sort(files.begin(), files.end(),
            [](const File& a, const File& b) { return a.data.size() > b.data.size(); });
  uint64_t bytes = 0;
  for (const File& f : files) bytes += f.data.size();

  auto start = std::chrono::steady_clock::now();
  if (::mkdir(dest.c_str(), 0755) != 0) die("cannot create " + dest);
  for (const std::string& d : dirs)
    if (::mkdir((dest + "/" + d).c_str(), 0755) != 0) die("cannot create " + d);
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      for (size_t i; (i = next++) < files.size();) write_file(dest, files[i]);
    });
  for (std::thread& t : pool) t.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%zu %llu %.3f\n", files.size(), (unsigned long long)bytes, seconds);
  return 0;
}

# Finds the Debian-packaged dependencies and gathers the library's into one
# interface target, claimtrace_deps. Why each is here: see README.md.
find_package(PkgConfig REQUIRED)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
find_package(ICU REQUIRED COMPONENTS uc i18n data)
find_package(fmt REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(LibXml2 REQUIRED)
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
find_package(tomlplusplus REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)
find_package(CURL REQUIRED)
# Snowball's libstemmer ships no CMake or pkg-config file: find it by name.
find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(STEMMER_LIBRARY stemmer REQUIRED)

add_library(claimtrace_deps INTERFACE)
target_link_libraries(claimtrace_deps INTERFACE
  PkgConfig::RE2 PkgConfig::POPPLER_CPP PkgConfig::LIBZIP PkgConfig::HTTPLIB
  ICU::uc ICU::i18n ICU::data fmt::fmt nlohmann_json::nlohmann_json
  LibXml2::LibXml2 OpenSSL::Crypto tomlplusplus::tomlplusplus stemmer
  SQLite::SQLite3 PostgreSQL::PostgreSQL CURL::libcurl)

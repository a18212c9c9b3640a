# cmake -DINPUT=font.ttf -DOUTPUT=font_data.cpp -DSYMBOL=chitchat_font -P embed.cmake
# Writes a C++ file holding INPUT's bytes as `extern "C" const unsigned char SYMBOL_data[]`.
file(READ ${INPUT} hex HEX)
string(LENGTH "${hex}" length)
math(EXPR size "${length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){32})" "\\1\n" bytes "${bytes}")
file(WRITE ${OUTPUT} "// Generated from ${INPUT}: do not edit.\n"
  "extern \"C\" const unsigned char ${SYMBOL}_data[] = {\n${bytes}\n};\n"
  "extern \"C\" const unsigned int ${SYMBOL}_size = ${size};\n")

internal import CXlsxWriter

/// An RGB colour, `0xRRGGBB`.
public struct Color: Hashable, Sendable, CustomStringConvertible {
  /// The colour as `0xRRGGBB`; bits above 24 are ignored.
  public var rgb: UInt32

  public init(rgb: UInt32) { self.rgb = rgb & 0xFF_FFFF }

  public init(red: UInt8, green: UInt8, blue: UInt8) {
    self.init(rgb: UInt32(red) << 16 | UInt32(green) << 8 | UInt32(blue))
  }

  public static let black = Color(rgb: 0x000000)
  public static let white = Color(rgb: 0xFFFFFF)

  /// `#0072B2`.
  public var description: String {
    let hex = String(rgb, radix: 16, uppercase: true)
    return "#" + String(repeating: "0", count: 6 - hex.count) + hex
  }

  /// libxlsxwriter reads 0 as "no colour", so black is spelt `LXW_COLOR_BLACK`.
  var lxw: lxw_color_t { rgb == 0 ? lxw_color_t(LXW_COLOR_BLACK.rawValue) : rgb }
}

/// How a cell looks: number format, font, fill, alignment and borders. A value: compare it, hash
/// it, keep it in a table of styles. ``Workbook/format(_:)`` turns it into a ``Format`` to write
/// with, once per distinct style.
public struct CellStyle: Hashable, Sendable {
  public enum HorizontalAlignment: Hashable, Sendable {
    case left, center, right, fill, justify, centerAcrossSelection, distributed
  }

  public enum VerticalAlignment: Hashable, Sendable {
    case top, center, bottom, justify, distributed
  }

  public enum BorderStyle: Hashable, Sendable {
    case thin, medium, thick, dashed, dotted, double, hair
  }

  /// A line on one or more sides of a cell.
  public struct Border: Hashable, Sendable {
    public var style: BorderStyle
    public var color: Color?
    public init(_ style: BorderStyle = .thin, color: Color? = nil) {
      self.style = style
      self.color = color
    }
  }

  /// An Excel number format: `0.0`, `#,##0`, `0.0%`, `yyyy-mm-dd`, `@` (text). `nil` is General.
  public var numberFormat: String?
  public var fontName: String?
  /// Points, 1...409.
  public var fontSize: Double?
  public var fontColor: Color?
  public var isBold: Bool
  public var isItalic: Bool
  public var isUnderlined: Bool
  /// A solid background colour.
  public var fill: Color?
  public var horizontalAlignment: HorizontalAlignment?
  public var verticalAlignment: VerticalAlignment?
  public var wrapsText: Bool
  /// Indentation level, 0...15.
  public var indent: Int
  /// A border on all four sides.
  public var border: Border?
  /// A border below the cell only (drawn over `border`'s bottom side), as under a header row.
  public var bottomBorder: Border?

  public init(
    numberFormat: String? = nil, fontName: String? = nil, fontSize: Double? = nil, fontColor: Color? = nil,
    isBold: Bool = false, isItalic: Bool = false, isUnderlined: Bool = false, fill: Color? = nil,
    horizontalAlignment: HorizontalAlignment? = nil, verticalAlignment: VerticalAlignment? = nil,
    wrapsText: Bool = false, indent: Int = 0, border: Border? = nil, bottomBorder: Border? = nil
  ) {
    self.numberFormat = numberFormat
    self.fontName = fontName
    self.fontSize = fontSize
    self.fontColor = fontColor
    self.isBold = isBold
    self.isItalic = isItalic
    self.isUnderlined = isUnderlined
    self.fill = fill
    self.horizontalAlignment = horizontalAlignment
    self.verticalAlignment = verticalAlignment
    self.wrapsText = wrapsText
    self.indent = indent
    self.border = border
    self.bottomBorder = bottomBorder
  }

  /// Why Excel cannot use this style, or `nil` when it can.
  var problem: String? {
    if let numberFormat {
      if numberFormat.isEmpty || numberFormat.utf16.count > 255 || numberFormat.utf8.contains(0) {
        return "number format \(XLSXError.quoted(numberFormat)) must be 1 to 255 characters without NUL"
      }
    }
    if let fontName, fontName.isEmpty || fontName.utf16.count > 31 || fontName.utf8.contains(0) {
      return "font name \(XLSXError.quoted(fontName)) must be 1 to 31 characters"
    }
    if let fontSize, !(1...409).contains(fontSize) { return "font size \(fontSize) is outside 1...409 points" }
    if !(0...15).contains(indent) { return "indent \(indent) is outside 0...15" }
    return nil
  }

  /// Sets the properties of a fresh libxlsxwriter format.
  func apply(to format: UnsafeMutablePointer<lxw_format>) {
    numberFormat?.withCString { format_set_num_format(format, $0) }
    fontName?.withCString { format_set_font_name(format, $0) }
    if let fontSize { format_set_font_size(format, fontSize) }
    if let fontColor { format_set_font_color(format, fontColor.lxw) }
    if isBold { format_set_bold(format) }
    if isItalic { format_set_italic(format) }
    if isUnderlined { format_set_underline(format, UInt8(LXW_UNDERLINE_SINGLE.rawValue)) }
    if let fill {
      format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
      format_set_bg_color(format, fill.lxw)
    }
    if let horizontalAlignment { format_set_align(format, UInt8(horizontalAlignment.lxw.rawValue)) }
    if let verticalAlignment { format_set_align(format, UInt8(verticalAlignment.lxw.rawValue)) }
    if wrapsText { format_set_text_wrap(format) }
    if indent > 0 { format_set_indent(format, UInt8(indent)) }
    if let border {
      format_set_border(format, border.style.lxw)
      if let color = border.color { format_set_border_color(format, color.lxw) }
    }
    if let bottomBorder {
      format_set_bottom(format, bottomBorder.style.lxw)
      if let color = bottomBorder.color { format_set_bottom_color(format, color.lxw) }
    }
  }
}

extension CellStyle.HorizontalAlignment {
  var lxw: lxw_format_alignments {
    switch self {
    case .left: LXW_ALIGN_LEFT
    case .center: LXW_ALIGN_CENTER
    case .right: LXW_ALIGN_RIGHT
    case .fill: LXW_ALIGN_FILL
    case .justify: LXW_ALIGN_JUSTIFY
    case .centerAcrossSelection: LXW_ALIGN_CENTER_ACROSS
    case .distributed: LXW_ALIGN_DISTRIBUTED
    }
  }
}

extension CellStyle.VerticalAlignment {
  var lxw: lxw_format_alignments {
    switch self {
    case .top: LXW_ALIGN_VERTICAL_TOP
    case .center: LXW_ALIGN_VERTICAL_CENTER
    case .bottom: LXW_ALIGN_VERTICAL_BOTTOM
    case .justify: LXW_ALIGN_VERTICAL_JUSTIFY
    case .distributed: LXW_ALIGN_VERTICAL_DISTRIBUTED
    }
  }
}

extension CellStyle.BorderStyle {
  var lxw: UInt8 {
    let value: lxw_format_borders =
      switch self {
      case .thin: LXW_BORDER_THIN
      case .medium: LXW_BORDER_MEDIUM
      case .thick: LXW_BORDER_THICK
      case .dashed: LXW_BORDER_DASHED
      case .dotted: LXW_BORDER_DOTTED
      case .double: LXW_BORDER_DOUBLE
      case .hair: LXW_BORDER_HAIR
      }
    return UInt8(value.rawValue)
  }
}

/// A style registered with one workbook, ready to write cells with. Get one from
/// ``Workbook/format(_:)``; the same style always gives the same format.
///
/// A format keeps its workbook alive, and using it with another workbook throws
/// ``XLSXError/Kind-swift.enum/foreignObject``.
public struct Format {
  let workbook: Workbook
  let pointer: UnsafeMutablePointer<lxw_format>
  /// The style this format was made from.
  public let style: CellStyle
}
